"""Reading a validated transaction dict into the typed request every rule reads: defaults,
"stated empty" kept apart from "not given", and values normalised the way rules compare
them."""

from __future__ import annotations

from datetime import date

import pytest

from service.rules.request import Bank, Party, PartyAddress, TransactionRequest


def test_an_empty_request_has_no_parts() -> None:
    req = TransactionRequest.from_dict({})
    assert (req.parties, req.relationships, req.goods) == ((), (), ())
    assert (req.shipment, req.payment, req.as_of, req.regimes, req.lists) == (None,) * 5


def test_a_party_gets_defaults_and_its_nested_parts() -> None:
    party = Party.from_dict(
        {
            "id": 7,
            "name": "Harbour Realty",
            "address": {"lines": ["1 Quay"], "city": "Singapore"},
            "bank": {"bic": "DBSSSGSG", "country": "SG"},
            "incorporation_date": date(2026, 10, 1),
        }
    )
    assert (party.id, party.role) == ("7", "party")
    assert party.address == PartyAddress(lines=("1 Quay",), city="Singapore")
    assert party.bank == Bank("DBSSSGSG", None, "SG")
    assert party.incorporation_date == "2026-10-01"


def test_website_null_is_a_statement_an_absent_website_is_not() -> None:
    stated = Party.from_dict({"id": "a", "website": None})
    absent = Party.from_dict({"id": "a"})
    assert (stated.website, stated.has_website_field) == (None, True)
    assert (absent.website, absent.has_website_field) == (None, False)


def test_a_party_without_an_id_is_refused() -> None:
    with pytest.raises(KeyError, match="id"):
        Party.from_dict({"name": "No Id Ltd"})


def test_relationships_read_from_and_to() -> None:
    req = TransactionRequest.from_dict(
        {"relationships": [{"from": "a", "to": "b", "type": "agent"}]}
    )
    (rel,) = req.relationships
    assert (rel.source, rel.target, rel.type) == ("a", "b", "agent")


def test_numeric_codes_become_text_and_currency_upper_case() -> None:
    req = TransactionRequest.from_dict(
        {
            "goods": [{"hs_code": 2710, "description": "gasoil"}],
            "shipment": {"vessel": {"imo": 9123456, "mmsi": 440123456}},
            "payment": {"amount": 5, "currency": "usd"},
        }
    )
    assert req.goods[0].hs_code == "2710"
    vessel = req.shipment.vessel
    assert (vessel.imo, vessel.mmsi) == ("9123456", "440123456")
    assert req.payment.currency == "USD"


def test_an_empty_currency_is_no_currency() -> None:
    assert TransactionRequest.from_dict({"payment": {"currency": ""}}).payment.currency is None


def test_history_lists_keep_none_apart_from_empty() -> None:
    """``None`` means "not reported"; ``[]`` means "reported: none" (rules treat them apart)."""
    req = TransactionRequest.from_dict(
        {"shipment": {"transshipment_ports": [], "vessel": {"ais_gaps": [{"hours": 30}]}}}
    )
    assert req.shipment.transshipment_ports == ()
    assert req.shipment.destination_history is None
    assert req.shipment.vessel.ais_gaps == ({"hours": 30},)
    assert req.shipment.vessel.port_calls is None


def test_empty_regimes_and_lists_mean_the_defaults() -> None:
    req = TransactionRequest.from_dict({"regimes": [], "lists": []})
    assert (req.regimes, req.lists) == (None, None)
    req = TransactionRequest.from_dict({"regimes": ["UN"], "lists": ["un"], "as_of": "2025-01-02"})
    assert (req.regimes, req.lists, req.as_of) == (("UN",), ("un",), "2025-01-02")


def test_the_request_is_immutable() -> None:
    req = TransactionRequest.from_dict({"parties": [{"id": "a"}]})
    with pytest.raises(AttributeError):
        req.parties[0].name = "changed"  # type: ignore[misc]
