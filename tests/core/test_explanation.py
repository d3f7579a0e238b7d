"""explanation: the match and the JSON-ready account of why it scored what it did."""

from __future__ import annotations

import json

from service.core import Entity, Identifier, MatchConfig, Query
from service.core.config import band
from service.core.corroboration import Corroboration
from service.core.explanation import explain
from service.core.names import analyze


def test_explanation_is_readable(matcher):
    hit = matcher.search(Query("Mr Vladimir Putn"))[0]
    ex = hit.explanation
    assert ex["band"] == band(hit.score) == "review"
    assert ex["query"]["normalised"] == "vladimir putn"
    assert ex["list_name"]["kind"] in ("primary", "aka")
    methods = {a["query"]: a["method"] for a in ex["alignment"]}
    assert methods["vladimir"] == "exact"
    assert methods["putn"] == "fuzzy"
    assert 0.0 < hit.ofac_score <= 1.0
    assert json.loads(json.dumps(ex)) == ex  # JSON-ready as it is


def test_alignment_shows_pairs_and_the_words_left_over(matcher):
    hit = matcher.search(Query("Vladimir Putn Ivanovich", threshold=0.3))[0]
    ex = hit.explanation
    assert hit.entity.source_id == "p1"
    putn = next(a for a in ex["alignment"] if a["query"] == "putn")
    assert (putn["list"], putn["method"], putn["similarity"]) == ("putin", "fuzzy", 0.88)
    assert ex["unmatched_query"] == ["ivanovich"]
    numbered = matcher.search(Query("KUM UN SAN 2", threshold=0.3))[0].explanation
    assert (numbered["unmatched_query"], numbered["unmatched_list"]) == (["2"], ["3"])


def test_different_numbers_are_named_as_an_adjustment(matcher):
    hit = matcher.search(Query("KUM UN SAN 2", threshold=0.3))[0]
    assert hit.entity.source_id == "v1"
    assert {"reason": "numbers_differ", "effect": "score halved"} in hit.explanation["adjustments"]


def test_a_match_found_by_identifier_alone_explains_without_a_name():
    entity = Entity("t", "v", "vessel", "SEA STAR", identifiers=(Identifier("imo", "9074729"),))
    query = Query("OTHER NAME")
    ident = {"type": "imo", "query": "IMO 9074729", "list": "9074729", "decisive": True}
    ev = Corroboration(name_score=0.0, score=1.0, identifiers=[ident])
    match = explain(query, analyze(query.name, None), entity, None, ev, MatchConfig())
    assert (match.matched_name, match.score, match.ofac_score) == ("SEA STAR", 1.0, 0.0)
    assert "list_name" not in match.explanation and "alignment" not in match.explanation
    assert match.explanation["identifiers"] == [ident]
    assert match.explanation["band"] == "strong"


def test_the_band_is_named_at_the_configured_thresholds():
    entity = Entity("t", "o", "organization", "ACME")
    query = Query("ACME")
    ev = Corroboration(name_score=0.0, score=0.9)
    strict = MatchConfig(review_threshold=0.95)
    assert (
        explain(query, analyze("ACME", None), entity, None, ev, strict).explanation["band"]
        == "weak"
    )
    ev = Corroboration(name_score=0.0, score=0.9)
    assert (
        explain(query, analyze("ACME", None), entity, None, ev, MatchConfig()).explanation["band"]
        == "review"
    )
