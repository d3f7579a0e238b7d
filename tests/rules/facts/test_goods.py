"""Goods facts: categories, DPRK direction, dual use, the trade value and prices."""

from __future__ import annotations

from facts_fixtures import context, facts, notes

from service.rules.facts.goods import add_goods, unidentified

BUYER = {"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd", "country": "SG"}


def test_diesel_is_petroleum_and_values_in_usd() -> None:
    found = facts({"parties": [BUYER], "goods": [{"description": "diesel", "value": 1000}]})
    (item,) = found.evidence["goods"]
    assert "petroleum" in item["families"]
    assert found.values["petroleum_goods"] == 1
    assert found.values["trade_value_usd"] == 1000.0


def test_goods_loaded_in_the_dprk_come_from_the_dprk() -> None:
    request = {
        "parties": [BUYER],
        "goods": [{"description": "coal"}],
        "shipment": {"port_of_loading": "Nampo"},
    }
    assert notes(facts(request).evidence["from_dprk"]) == ["loaded in the DPRK"]


def test_price_anomaly_against_the_reference_price() -> None:
    line = {"description": "steel", "unit_price": 50, "reference_unit_price": 100}
    found = facts({"parties": [BUYER], "goods": [line]})
    assert notes(found.evidence["price_anomalies"]) == ["-50% against the reference 100"]


def test_no_goods_leaves_goods_facts_missing() -> None:
    found = facts({"parties": [BUYER]})
    for name in ("goods", "dual_use", "price_anomalies", "trade_value_usd"):
        assert name in found.missing


def test_unidentified_lines_have_neither_a_heading_nor_known_words() -> None:
    lines = [
        {"description": "assorted parts"},  # nothing identifies it
        {"description": "general goods", "hs_code": "84"},  # a chapter names no item
        {"description": "assorted parts", "hs_code": "9401.30"},  # a heading does
        {"description": "diesel fuel"},  # its words do
    ]
    ctx, b = context({"parties": [BUYER], "goods": lines})
    add_goods(ctx, b)
    assert unidentified(ctx) == [0, 1]
