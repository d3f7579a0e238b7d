"""Payment facts: currency, unrelated payers, routing and late beneficiary changes."""

from __future__ import annotations

from facts_fixtures import facts, notes

BUYER = {"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd", "country": "SG"}
SELLER = {"id": "s", "role": "seller", "name": "Beta Seller GmbH", "country": "DE"}
PAYER = {"id": "p", "role": "payer", "name": "Gamma Pay Ltd", "country": "AE"}


def test_unrelated_payer_in_a_third_country() -> None:
    found = facts({"parties": [BUYER, SELLER, PAYER], "payment": {"currency": "USD"}})
    assert notes(found.evidence["unrelated_payers"]) == [
        "pays for Alpha Buyer Ltd with no documented relationship"
    ]
    assert found.values["routing_anomalies"] == 1
    assert found.values["currency"] == "USD"


def test_a_documented_parent_is_related() -> None:
    rel = [{"from": "p", "to": "b", "type": "parent"}]
    found = facts({"parties": [BUYER, SELLER, PAYER], "relationships": rel})
    assert found.values["unrelated_payers"] == 0


def test_late_change_of_beneficiary() -> None:
    pay = {"beneficiary_changed_at": "2026-11-20", "value_date": "2026-11-22"}
    found = facts({"parties": [BUYER], "payment": pay})
    assert notes(found.evidence["late_instruction_changes"]) == ["2 day(s) before settlement"]


def test_currency_missing_without_payment_or_goods_currency() -> None:
    assert "currency" in facts({"parties": [BUYER]}).missing
