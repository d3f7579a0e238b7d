"""The fact builder: lists become counts with their items as evidence, missing facts
name the request paths behind them, derived counts follow their source."""

from __future__ import annotations

from datetime import date

from service.rules.facts.builder import FactBuilder, country_label, day_of, evidence


def test_lists_become_counts_and_evidence() -> None:
    b = FactBuilder()
    b.put("payers", [evidence("parties[0]", "P", "payer")], True)
    b.put("currency", "USD", True)
    facts = b.facts({})
    assert facts.values == {"payers": 1, "currency": "USD"}
    assert facts.evidence["payers"] == [{"path": "parties[0]", "value": "P", "note": "payer"}]


def test_a_missing_fact_names_its_paths_and_so_do_its_derived_counts() -> None:
    b = FactBuilder()
    b.put("countries", [], False, "parties[].country")
    facts = b.facts({})
    assert "countries" not in facts.values
    assert facts.missing["countries"] == ("parties[].country",)
    assert facts.missing["tier_a"] == ("parties[].country",)


def test_evidence_never_holds_none() -> None:
    assert evidence("p", None)["value"] == ""


def test_country_label_and_day_of() -> None:
    assert country_label("KP").startswith("KP (")
    assert country_label(None) == ""
    assert day_of("2026-01-02T10:00:00Z") == date(2026, 1, 2)
    assert day_of("yesterday") is None
