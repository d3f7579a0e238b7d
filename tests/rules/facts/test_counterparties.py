"""Counterparty facts: the signs of a front company."""

from __future__ import annotations

from facts_fixtures import facts, notes

FRONT = {
    "id": "b",
    "role": "buyer",
    "name": "Harbour Realty Pte Ltd",
    "country": "HK",
    "web_presence": "none",
    "physical_office": "virtual",
    "incorporation_date": "2026-06-01",
    "address": {"lines": ["PO Box 12"], "city": "Hong Kong"},
}


def test_front_company_signs() -> None:
    found = facts({"parties": [FRONT]})
    assert found.values["no_web"] == 1
    assert found.values["no_office"] == 1
    assert notes(found.evidence["new_entities"]) == [
        "Harbour Realty Pte Ltd: incorporated 5 months before 2026-11-27"
    ]
    assert notes(found.evidence["mass_registration"]) == ["PO box address"]
    assert found.values["offshore_parties"] == 1


def test_an_industry_that_does_not_fit_the_goods() -> None:
    party = {**FRONT, "industry": "real estate management"}
    found = facts({"parties": [party], "goods": [{"description": "diesel", "hs_code": "2710"}]})
    assert found.values["industry_mismatch"] == 1


def test_silence_is_missing_not_clean() -> None:
    found = facts({"parties": [{"id": "b", "role": "buyer", "name": "B"}]})
    for name in ("no_web", "new_entities", "no_office", "opaque_ownership", "industry_mismatch"):
        assert name in found.missing
