"""Golden pairs for the matcher, per typology: must-match and must-not-match, and the
engine's own promises (filters, limits, the name memo, freeing a replaced matcher).

The corpus is ``conftest.py``'s sanctions list in miniature. Results only, never timings.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from service.core import Entity, Identifier, MatchConfig, Query, build_matcher


def _top(matcher, name: str, **kw) -> tuple[str | None, float]:
    hits = matcher.search(Query(name, **kw))
    return (hits[0].entity.source_id, hits[0].score) if hits else (None, 0.0)


MUST_MATCH = [
    # (typology, query, expected entity)
    ("exact", "PUTIN, Vladimir Vladimirovich", "p1"),
    ("reorder", "Vladimir Putin", "p1"),
    ("typo", "Vladimir Putn", "p1"),
    ("typo_transpose", "Vladimir Ptuin", "p1"),
    ("doubled_letter", "Vladimir Puttin", "p1"),
    ("diacritics", "Vladimír Pütin", "p1"),
    ("homoglyph", "Vlаdimir Рutin", "p1"),
    ("zero_width", "Vladi\u200bmir Pu\u200dtin", "p1"),
    ("odd_whitespace", "Vladimir\u00a0\u00a0PUTIN", "p1"),
    ("title", "President Vladimir Putin", "p1"),
    ("cyrillic_script", "Владимир Владимирович Путин", "p1"),
    ("transliteration_variant", "Muammar Gaddafi", "p2"),
    ("transliteration_variant", "Moammar Qadhafi", "p2"),
    ("arabic_script", "معمر القذافي", "p2"),
    ("arabic_article_assimilated", "سراج الدين حقاني", "p17"),  # AL-DIN spelt UDDIN
    ("korean_script", "김정은", "p3"),
    ("chinese_script", "习近平", "p9"),
    ("particle_glued", "Abbud Fred Alzumar", "p4"),
    ("variant_table", "Sergey Shoigu", "p5"),
    ("joined_tokens", "JSCARGUMENT", "o1"),
    ("legal_form_expanded", "JOINT STOCK COMPANY ARGUMENT", "o1"),
    ("legal_form_cyrillic", "ООО ТЕХНОПРОМ", "o8"),
    ("legal_form_translated", "TECHNOPROM LLC", "o8"),
    ("legal_form_abbreviated", "LUKOIL OIL CO", "o15"),
    ("legal_form_dropped", "SOVCOMFLOT", "o7"),
    ("location_qualifier", "SOVCOMFLOT PJSC (Singapore)", "o7"),
    ("split_token", "NAM CHONGANG TRADING CORP", "o9"),
    ("vessel_prefix", "M/V KUM UN SAN 3", "v1"),
    ("nickname_other_language", "John Ivanovich DEMCHENKO", "p13"),
    ("typo_one_word_rare_name", "TSAFGRAD OOO", "o18"),
    ("location_qualifier_one_word_name", "KINEF Dubai Branch", "o16"),
    ("location_after_common_words", "PACIFIC STEEL FZE Istanbul", "o17"),
    ("title_abbreviated", "Prof. Vladimir Putin", "p1"),
    ("cyrillic_short_syllables", "зав мин тун", "p15"),
    ("article_glued", "Abbud Fred ALZUMAR", "p4"),
    ("two_letter_typo_rare_word", "NAMCHOMGAMG TRADING CORP", "o9"),
    ("misspelt_variant_spelling", "Sergeyy SHOIGU", "p5"),
    ("whole_name_glued", "KOREAMININGDEVELOPMENTTRADINGCORPORATION", "o10"),
    ("long_legal_form_dropped", "TECHNOPROM", "o8"),
    ("abbreviation", "HAPJANGGANG SHPG CORP", "o12"),
]


@pytest.mark.parametrize(("typology", "query", "expected"), MUST_MATCH)
def test_must_match(matcher, typology, query, expected):
    sid, score = _top(matcher, query)
    assert sid == expected, typology
    assert score >= 0.80, typology


MUST_NOT_MATCH = [
    ("generic_word_shared", "EMMA DANIELS", "o2"),
    ("legal_form_only_shared", "BELLETECH CORP", "o3"),
    ("generic_org_words", "GLOBAL SHIPPING SERVICES LTD", "o4"),
    ("vessel_number_differs", "KUM UN SAN 2", "v1"),
    ("different_person_same_given_name", "Vladimir Ivanov", "p1"),
    ("different_person_common_names", "Ali Hassan Ibrahim", "p7"),
    ("different_company_generic_words", "UNITED TRADING GROUP", "o14"),
    ("one_shared_common_word", "SEA BREEZE", "v2"),
    ("one_shared_short_token", "KIM JONG IL", "p3"),
]


@pytest.mark.parametrize(("typology", "query", "wrong"), MUST_NOT_MATCH)
def test_must_not_alert(matcher, typology, query, wrong):
    hits = matcher.search(Query(query))
    assert all(h.entity.source_id != wrong or h.score < 0.80 for h in hits), typology


def test_initials_rank_first_and_are_returned(matcher):
    # Initials are weak evidence: returned and ranked first, review only on big corpora.
    sid, score = _top(matcher, "V. V. PUTIN")
    assert sid == "p1"
    assert score >= 0.70


def test_exact_name_scores_strong(matcher):
    assert _top(matcher, "BANK MELLI IRAN") == ("o6", 1.0)


def test_entity_type_and_lists_filter(matcher):
    assert _top(matcher, "Vladimir Putin", entity_type="organization")[0] is None
    assert _top(matcher, "Vladimir Putin", lists=frozenset({"other"}))[0] is None
    assert _top(matcher, "Vladimir Putin", lists=frozenset({"test"}))[0] == "p1"


def test_threshold_and_limit_are_honoured(matcher):
    hits = matcher.search(Query("ALI MOHAMMED", threshold=0.5, limit=2))
    assert len(hits) <= 2
    assert all(h.score >= 0.5 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_imo_number_is_decisive(matcher):
    q = Query("SOME OTHER NAME", identifiers=(Identifier("imo", "IMO 9074729"),))
    sid, score = _top(matcher, q.name, identifiers=q.identifiers)
    assert (sid, score) == ("v3", 1.0)


def test_invalid_imo_check_digit_is_ignored(matcher):
    assert _top(matcher, "SOME OTHER NAME", identifiers=(Identifier("imo", "9074728"),)) == (
        None,
        0.0,
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Alexander Petrov", "p8"), ("Bob Smith", "p12"), ("Vic IVANOV", "p14")],
)
def test_a_name_of_common_parts_is_weak_on_its_own(matcher, query, expected):
    # A common given name (or its nickname, its short form) and a frequent surname: the
    # name of thousands of people, so returned in the weak band, not alerting.
    hit = matcher.search(Query(query))[0]
    assert hit.entity.source_id == expected
    assert 0.70 <= hit.score < 0.80
    assert hit.explanation["band"] == "weak"


def test_name_count_counts_distinct_names_per_entity(matcher, golden_names):
    # GADDAFI/QADHAFI and 김정은/KIM Jong Un normalise to one name each; the weak
    # alias of p6 adds one.
    assert matcher.name_count == golden_names + 1 - 2


def _answers(matcher, queries: list[Query]) -> list[list[tuple]]:
    return [
        [(h.entity.source_id, h.score, h.matched_name, h.explanation) for h in matcher.search(q)]
        for q in queries
    ]


def test_name_memo_answers_as_a_fresh_computation(matcher, golden_entities):
    """A remembered name must give what computing it again gives, whatever the other
    fields: a lower threshold, identifiers, lists and countries all change the answer."""
    fresh = build_matcher(golden_entities, MatchConfig(memo_size=0))
    queries = []
    for name in ("Vladimir Putn", "MOHAMMED Ali", "SEA STAR", "Emma Trading", "ROSNEFT"):
        queries += [
            Query(name, threshold=0.95),
            Query(name, threshold=0.4, limit=50),
            Query(name, threshold=0.4, countries=("FR",), date_of_birth="1952"),
            Query(name, threshold=0.4, lists=frozenset({"other"})),
            Query(name, threshold=0.4, identifiers=(Identifier("imo", "IMO 9074729"),)),
        ]
    assert _answers(matcher, queries + queries) == _answers(fresh, queries) * 2


@pytest.mark.parametrize("memo_size", [0, 64])
def test_a_replaced_matcher_is_freed_without_the_garbage_collector(
    memo_size: int, golden_entities: list[Entity]
) -> None:
    """The server freezes its heap out of the GC after loading; a matcher in a reference
    cycle would then outlive every list reload."""
    built = build_matcher(golden_entities, MatchConfig(memo_size=memo_size))
    built.search(Query("Vladimir Putin"))
    ref = weakref.ref(built)
    gc.disable()
    try:
        del built
        assert ref() is None
    finally:
        gc.enable()
