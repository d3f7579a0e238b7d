"""Matches carry their target: one party's listings on several lists are one target."""

from __future__ import annotations

from dataclasses import replace

from factories import catalog_from, entity

from service.alerts.suppression import SuppressedMatch
from service.core.model import Identifier
from service.screening import Screener, ScreenRequest
from service.screening.targets import TargetedMatch
from service.settings import Settings

UN = entity("QDi.901", "ABU HAMZA AL-FARISI", list_id="un", entity_type="person")
UK = replace(
    entity("AQD9004", "ABU HAMZA AL FARISI", list_id="uk_sl", entity_type="person"),
    identifiers=(Identifier("un_ref", "QDi.901"),),
)
EU = replace(
    entity("990300", "Abu Hamsa al-Farissi", list_id="eu", entity_type="person"),
    identifiers=(Identifier("un_ref", "QDi.901"),),
)
STRANGER = entity("7", "ABU HAMZA TRADING", list_id="ofac_sdn")


def test_each_listing_of_one_party_has_the_same_target_and_one_summary() -> None:
    result = Screener(catalog_from([UN, UK, EU, STRANGER]), Settings()).screen(
        ScreenRequest(name="Abu Hamza al-Farisi")
    )
    targets = {m.entity.key: m.target_id for m in result.matches}
    assert targets["un:QDi.901"] == targets["uk_sl:AQD9004"] != targets.get("ofac_sdn:7")
    summary = result.targets[0]
    assert summary["target_id"] == targets["un:QDi.901"]
    assert summary["best"]["score"] == result.matches[0].score
    assert [x["list"] for x in summary["listings"]] == ["eu", "uk_sl", "un"]
    assert summary["linked_by"] == ["ref:un:QDi.901"]
    assert len({t["target_id"] for t in result.targets}) == len(result.targets)


def test_the_match_still_reads_like_the_matchers() -> None:
    result = Screener(catalog_from([UN, UK]), Settings()).screen(
        ScreenRequest(name="ABU HAMZA AL FARISI")
    )
    match = result.matches[0]
    assert (match.entity, match.score, match.matched_name) == (
        match.match.entity,
        match.match.score,
        match.match.matched_name,
    )
    assert match.explanation == match.match.explanation


def test_a_suppression_mark_shows_through_and_is_absent_otherwise() -> None:
    """Serialisers read ``suppressed`` with a default: present only on a suppressed match."""
    plain = (
        Screener(catalog_from([UN, UK]), Settings())
        .screen(ScreenRequest(name="ABU HAMZA AL FARISI"))
        .matches[0]
    )
    assert getattr(plain, "suppressed", "absent") == "absent"
    m = plain.match
    muted = SuppressedMatch(m.entity, m.matched_name, m.score, suppressed={"suppression_id": "s1"})
    assert TargetedMatch(muted, plain.target_id).suppressed == {"suppression_id": "s1"}
