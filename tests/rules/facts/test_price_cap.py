"""CAP-01: Russian oil above the cap of each selected regime, with coalition services."""

from __future__ import annotations

from rule_fixtures import run
from trade_cases import crude, party, tx

INSURER = party("i", "insurer", "GB")


def cap_hit(request):
    return next((h for h in run(request).hits if h.rule_id == "CAP-01"), None)


def test_crude_per_tonne_against_each_regime() -> None:
    # US$400/t / 7.33 bbl/t = US$54.57/bbl: above the EU and UK US$44.10, within US$60.
    found = cap_hit(tx(INSURER, goods=[crude(400)]))
    assert "US$54.57/bbl" in found.explanation
    assert "EU crude cap US$44.10" in found.explanation
    assert "within the US crude cap US$60.00" in found.explanation
    assert cap_hit(tx(INSURER, goods=[crude(400)], regimes=["US"])) is None


def test_the_cap_in_force_on_the_transaction_date() -> None:
    # On 1 Jan 2025 every regime's crude cap was US$60.
    assert cap_hit(tx(INSURER, goods=[crude(400)], as_of="2025-01-01")) is None
    assert cap_hit(tx(INSURER, goods=[crude(400)], as_of="2025-10-01")) is not None


def test_product_classes_and_units() -> None:
    diesel = {**crude(0), "description": "diesel EN590", "hs_code": "2710.19"}
    # Premium product: US$700/t / 7.46 = US$93.8/bbl < US$100; US$800/t = US$107.2 > US$100.
    assert cap_hit(tx(INSURER, goods=[{**diesel, "unit_price": 700}])) is None
    assert cap_hit(tx(INSURER, goods=[{**diesel, "unit_price": 800}])) is not None
    # Fuel oil is discount-to-crude: US$330/t / 6.66 = US$49.5/bbl > US$45.
    fuel = {**diesel, "description": "fuel oil M100", "unit_price": 330}
    assert "discount-to-crude" in cap_hit(tx(INSURER, goods=[fuel])).explanation
    barrels = crude(0, unit="bbl", unit_price=None, quantity=700_000, value=35_000_000)
    assert "US$50.00/bbl" in cap_hit(tx(INSURER, goods=[barrels])).explanation


def test_no_coalition_service_no_breach_of_the_cap() -> None:
    assert cap_hit(tx(party("i", "insurer", "AE"), goods=[crude(400)])) is None
    euro = tx(party("i", "insurer", "AE"), goods=[crude(400)], payment={"currency": "EUR"})
    assert "coalition currency" in cap_hit(euro).explanation


def test_loaded_in_russia_without_a_declared_origin() -> None:
    line = crude(400, origin_country=None)
    found = cap_hit(tx(INSURER, goods=[line], shipment={"port_of_loading": "Novorossiysk"}))
    assert "origin not declared" in found.explanation


def test_a_coalition_broker_is_a_service_the_cap_binds() -> None:
    broker = party("x", "broker", "CH")
    found = cap_hit(tx(broker, goods=[crude(400)], payment={"currency": "AED"}))
    assert "broker in coalition country CH" in found.explanation


def test_an_unpriced_line_does_not_hide_a_breach_on_another() -> None:
    outcome = run(tx(INSURER, goods=[crude(400, unit=None), crude(400)]))
    assert "CAP-01" in {h.rule_id for h in outcome.hits}
    # Without the breach, the unpriced line leaves the rule not evaluated.
    alone = run(tx(INSURER, goods=[crude(400, unit=None), crude(300)]))
    assert "CAP-01" in {n.rule_id for n in alone.not_evaluated}
