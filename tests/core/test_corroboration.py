"""corroboration: dates of birth, countries and identifiers on top of the name score."""

from __future__ import annotations

from service.core import Entity, Identifier, MatchConfig, Query
from service.core.corroboration import Named, corroborate
from service.core.index import IndexedName
from service.core.names import analyze
from service.core.pair import Alignment, Side

CFG = MatchConfig()
PERSON = Entity(
    "t", "p", "person", "PETROV, Ivan", dates_of_birth=("1961-03-02",), nationalities=("RU",)
)
VESSEL = Entity("t", "v", "vessel", "SEA STAR", identifiers=(Identifier("imo", "9074729"),))


def named(score: float, quality: str = "strong") -> Named:
    """A name match of ``score`` (what the alignment found does not matter here)."""
    form = analyze("PETROV, Ivan", "person")
    side = Side(form.tokens, form.originals, form.kinds, (1.0,) * len(form.tokens))
    name = IndexedName(0, "PETROV, Ivan", "primary", quality, form, side)
    return score, name, Alignment(score, (), (), (), False)


def test_the_name_score_stands_alone_without_other_fields():
    ev = corroborate(Query("x"), PERSON, named(0.8512345), CFG)
    assert (ev.name_score, ev.score) == (0.8512345, 0.8512)  # rounded to 4 places
    assert ev.corroborated == ev.contradicted == ev.adjustments == []


def test_a_matching_date_of_birth_adds_and_another_takes_away():
    same = corroborate(Query("x", date_of_birth="1961"), PERSON, named(0.8), CFG)
    other = corroborate(Query("x", date_of_birth="1980-01-01"), PERSON, named(0.8), CFG)
    near = corroborate(Query("x", date_of_birth="1962"), PERSON, named(0.8), CFG)
    assert same.score == round(0.8 + CFG.dob_match_bonus, 4)
    assert other.score == round(0.8 - CFG.dob_mismatch_penalty, 4)
    assert near.score == 0.8 and near.corroborated[0]["note"] == "close but not equal"
    assert other.contradicted == [
        {"field": "date_of_birth", "query": "1980-01-01", "list": "1961-03-02"}
    ]


def test_dates_of_birth_count_for_people_only():
    ev = corroborate(Query("x", date_of_birth="1980"), VESSEL, named(0.8), CFG)
    assert ev.score == 0.8 and ev.contradicted == []


def test_countries_corroborate_or_contradict_and_silence_says_nothing():
    same = corroborate(Query("x", countries=("ru", "FR")), PERSON, named(0.8), CFG)
    other = corroborate(Query("x", countries=("FR",)), PERSON, named(0.8), CFG)
    unknown = corroborate(Query("x", countries=("FR",)), VESSEL, named(0.8), CFG)
    assert same.score == round(0.8 + CFG.country_match_bonus, 4)
    assert same.corroborated == [{"field": "country", "query": ["FR", "RU"], "list": ["RU"]}]
    assert other.score == round(0.8 - CFG.country_mismatch_penalty, 4)
    assert (unknown.score, unknown.contradicted) == (0.8, [])


def test_contradictions_never_push_a_strong_name_below_the_floor():
    harsh = MatchConfig(dob_mismatch_penalty=0.3)
    query = Query("x", date_of_birth="1980")
    assert corroborate(query, PERSON, named(0.95), harsh).score == harsh.contradiction_floor
    assert corroborate(query, PERSON, named(0.85), harsh).score == 0.55  # not strong


def test_a_weak_alias_is_recorded_with_its_discount():
    ev = corroborate(Query("x"), PERSON, named(0.81, quality="weak"), CFG)
    assert ev.adjustments == [{"reason": "weak_alias", "effect": -0.09}]


def test_a_decisive_identifier_settles_it_without_a_name():
    query = Query("x", identifiers=(Identifier("imo", "IMO 9074729"),))
    ev = corroborate(query, VESSEL, None, CFG)
    assert ev.score == 1.0
    assert ev.identifiers == [
        {"type": "imo", "query": "IMO 9074729", "list": "9074729", "decisive": True}
    ]


def test_another_imo_number_contradicts():
    query = Query("x", identifiers=(Identifier("imo", "IMO 9321483"),))
    ev = corroborate(query, VESSEL, named(0.85), CFG)
    assert ev.score == round(0.85 - CFG.imo_conflict_penalty, 4)
    assert ev.contradicted[0]["field"] == "imo"


def test_a_plain_identifier_lifts_to_its_score_or_to_one_beside_a_review_name():
    entity = Entity("t", "o", "organization", "ACME", identifiers=(Identifier("reg", "HRB12345"),))
    query = Query("x", identifiers=(Identifier("reg", "HRB 12345"),))
    assert corroborate(query, entity, named(0.5), CFG).score == CFG.identifier_score
    assert corroborate(query, entity, named(CFG.review_threshold), CFG).score == 1.0


def _top(matcher, name: str, **kw) -> tuple[str | None, float]:
    hits = matcher.search(Query(name, **kw))
    return (hits[0].entity.source_id, hits[0].score) if hits else (None, 0.0)


def test_dates_and_nationality_decide_a_common_name(matcher):
    agree = _top(matcher, "Alexander Petrov", date_of_birth="1961", countries=("RU",))
    other = _top(matcher, "Alexander Petrov", date_of_birth="1990-05-01", countries=("RU",))
    assert agree[0] == "p8" and agree[1] >= 0.80
    assert other[1] < 0.70


def test_dob_contradiction_lowers_but_never_hides(matcher):
    plain = _top(matcher, "Vladimir Putin")[1]
    same = _top(matcher, "Vladimir Putin", date_of_birth="1952")[1]
    other = matcher.search(Query("Vladimir Putin", date_of_birth="1980-01-01"))[0]
    assert same >= plain > other.score >= 0.70
    assert other.explanation["contradicted"][0]["field"] == "date_of_birth"


def test_country_corroborates(matcher):
    hit = matcher.search(Query("Vladimir Putin", countries=("RU",)))[0]
    assert hit.explanation["corroborated"][0]["field"] == "country"


def test_weak_alias_counts_less(matcher):
    sid, score = _top(matcher, "ABU AHMED")
    assert sid == "p6"
    assert score < 0.97
