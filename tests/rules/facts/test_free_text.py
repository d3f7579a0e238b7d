"""Free-text facts: sanctioned regions in country fields and addresses, DPRK identifiers."""

from __future__ import annotations

from facts_fixtures import facts, notes

BUYER = {"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd"}


def test_a_region_written_as_a_country_is_a_blocking_region_hit() -> None:
    found = facts({"parties": [{**BUYER, "country": "Sevastopol, Russia"}]})
    (hit,) = found.evidence["region_hits"]
    assert hit["path"] == "parties[0].country" and hit["blocking"]
    assert found.values["region_blocking"] == 1


def test_dprk_bic_and_mmsi_are_identifiers() -> None:
    request = {
        "parties": [{**BUYER, "bank": {"bic": "FTBDKPPY"}}],
        "shipment": {"vessel": {"name": "X", "mmsi": "445123456"}},
    }
    assert notes(facts(request).evidence["dprk_identifiers"]) == [
        "BIC country KP",
        "MMSI MID 445 is the DPRK",
    ]


def test_no_place_fields_leave_region_hits_missing() -> None:
    found = facts({"parties": [BUYER]})
    assert "region_hits" in found.missing
    assert "layering_parties" in found.missing
