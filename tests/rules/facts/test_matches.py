"""Match facts: the matcher's results above the review threshold, and contradictions."""

from __future__ import annotations

from facts_fixtures import facts

from service.core import Entity, Identifier, Match
from service.rules.facts import contradicted

BUYER = {"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd"}


def listed(score: float, explanation: dict | None = None, imo: str | None = None) -> Match:
    ids = (Identifier("imo", imo),) if imo else ()
    entity = Entity("ofac_sdn", "1", "organization", "ALPHA", identifiers=ids)
    return Match(entity, "ALPHA", score, explanation=explanation or {})


def test_only_matches_at_the_review_threshold_count() -> None:
    found = facts({"parties": [BUYER]}, {"b": [listed(0.99), listed(0.5)]})
    assert found.values["party_matches"] == 1
    assert found.values["party_block"] == 1


def test_a_contradicted_match_never_blocks() -> None:
    against = {"contradicted": [{"field": "country", "query": ["FR"], "list": ["RU"]}]}
    assert contradicted(listed(0.99, against))
    assert not contradicted(listed(0.99))
    found = facts({"parties": [BUYER]}, {"b": [listed(0.99, against)]})
    assert found.values["party_block"] == 0


def test_a_vessel_imo_match_counts_whatever_the_name_score() -> None:
    request = {"parties": [BUYER], "shipment": {"vessel": {"name": "X", "imo": "9074729"}}}
    found = facts(request, {}, [listed(0.3, imo="IMO 9074729")])
    assert found.values["vessel_block"] == 1
