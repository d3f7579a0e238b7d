"""Hidden characters in transaction names and texts: the fact, and LST-03 over it."""

from __future__ import annotations

import unicodedata

import pytest
from facts_fixtures import facts
from rule_fixtures import run

BUYER = {"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd"}
SELLER = {"id": "s", "role": "seller", "name": "Beta Seller GmbH"}
TAG_A = "\U000e0041"


def with_buyer(**fields: object) -> dict:
    return {"parties": [{**BUYER, **fields}, SELLER]}


def lst03(request: dict) -> str | None:
    outcome = run(request)
    return next((h.severity for h in outcome.hits if h.rule_id == "LST-03"), None)


@pytest.mark.parametrize(
    "request_dict, path",
    [
        (with_buyer(name=f"Banco{TAG_A} Nacional de Cuba"), "parties[0].name"),
        (with_buyer(name="Banco\u200b Nacional"), "parties[0].name"),
        (with_buyer(address={"lines": ["1 Main\u2060 St"]}), "parties[0].address.lines[0]"),
        (with_buyer(bank={"name": "Foreign Trade\u00ad Bank"}), "parties[0].bank.name"),
        (
            {"parties": [BUYER], "shipment": {"vessel": {"name": "CHON\ufeffMA SAN"}}},
            "shipment.vessel.name",
        ),
        ({"parties": [BUYER], "payment": {"purpose": "diesel\u2063 oil"}}, "payment.purpose"),
    ],
)
def test_every_named_field_is_checked_and_lst03_reviews(request_dict: dict, path: str) -> None:
    (item,) = facts(request_dict).evidence["hidden_characters"]
    assert item["path"] == path and item["note"].startswith("invisible characters U+")
    assert lst03(request_dict) == "review"


def test_the_evidence_names_the_party_and_the_code_points() -> None:
    (item,) = facts(with_buyer(name=f"Banco{TAG_A} Nacional\u200d")).evidence["hidden_characters"]
    assert item["party"] == "b"
    assert item["note"] == "invisible characters U+200D, U+E0041"


def test_a_right_to_left_override_is_flagged_with_what_it_displays() -> None:
    (item,) = facts(with_buyer(name="\u202eabuC ed lanoicaN ocnaB\u202c")).evidence[
        "hidden_characters"
    ]
    assert "displays as 'Banco Nacional de Cuba'" in item["note"]


def test_visible_non_latin_names_and_punctuation_stay_quiet() -> None:
    """The near misses: scripts, accents, dashes and non-breaking spaces are typed."""
    typed = ("Банк Россия", "شركة النفط", "Société Générale – Paris", "Kim\u00a0Jong Un", "O'Neil")
    for name in typed:
        assert unicodedata.is_normalized("NFC", name)
        request = with_buyer(name=name)
        assert facts(request).evidence.get("hidden_characters", []) == []
        assert lst03(request) is None


def test_always_evaluated_because_every_transaction_names_its_parties() -> None:
    found = facts({"parties": [BUYER]})
    assert "hidden_characters" not in found.missing
    outcome = run({"parties": [BUYER]})
    assert "LST-03" not in {n.rule_id for n in outcome.not_evaluated}
