"""Fire / quiet / not-evaluated cases for the second-round rules (issue 13), merged into
the catalogue's CASES by tests/rules/test_rule_catalogue.py.

Each is the smallest request that exercises the rule: (firing request, severity, quiet
request, request lacking the rule's inputs).
"""

from __future__ import annotations

from typing import Any


def party(pid: str, role: str, country: str | None = None, **fields: Any) -> dict[str, Any]:
    out = {"id": pid, "role": role, "name": f"{pid.title()} Co", **fields}
    if country:
        out["country"] = country
    return out


def tx(*parties: dict, **parts: Any) -> dict[str, Any]:
    return {"parties": list(parties), **parts}


SELLER_DE = party("s", "seller", "DE")
CHIPS = {"description": "microcontrollers", "hs_code": "8542.31", "value": 90_000}
CNC = {"description": "5-axis CNC machining centre", "hs_code": "8457.10", "value": 450_000}


def crude(price: float, **extra: Any) -> dict[str, Any]:
    """Russian Urals crude priced per tonne in US dollars."""
    line = {
        "description": "Urals crude oil",
        "hs_code": "2709.00",
        "origin_country": "RU",
        "quantity": 100_000,
        "unit": "t",
        "unit_price": price,
        "currency": "USD",
    }
    return {**line, **extra}


def handbags(per_item: float, currency: str = "EUR") -> dict[str, Any]:
    return {
        "description": "leather handbags",
        "hs_code": "4202.21",
        "quantity": 10,
        "value": per_item * 10,
        "currency": currency,
    }


def oil_voyage(location: str, origin: str = "MY", **vessel: Any) -> dict[str, Any]:
    return {
        "goods": [
            {"description": "crude oil", "hs_code": "2709", "origin_country": origin, "value": 1}
        ],
        "shipment": {
            "vessel": {"name": "OCEAN DAWN", "sts_events": [{"location": location}], **vessel}
        },
    }


CASES: dict[str, tuple[dict, str, dict, dict]] = {
    "EXP-01": (
        tx(SELLER_DE, party("b", "buyer", "RU"), goods=[CHIPS]),
        "block",
        tx(SELLER_DE, party("b", "buyer", "FR"), goods=[CHIPS]),
        tx(SELLER_DE, goods=[CHIPS]),
    ),
    "EXP-02": (
        tx(SELLER_DE, party("b", "buyer", "KG"), goods=[CNC]),
        "review",
        tx(SELLER_DE, party("b", "buyer", "KG"), goods=[{"description": "office chairs"}]),
        tx(party("x", "notify_party"), goods=[CNC]),
    ),
    "CAP-01": (
        tx(party("i", "insurer", "GB"), goods=[crude(400)]),
        "block",
        tx(party("i", "insurer", "GB"), goods=[crude(300)]),
        tx(party("i", "insurer", "GB"), goods=[crude(400, unit=None)]),
    ),
    "LUX-01": (
        tx(SELLER_DE, party("b", "buyer", "RU"), goods=[handbags(1_850)], regimes=["EU"]),
        "block",
        tx(SELLER_DE, party("b", "buyer", "RU"), goods=[handbags(200)], regimes=["EU"]),
        tx(SELLER_DE, goods=[handbags(1_850)]),
    ),
    "LUX-02": (
        tx(
            SELLER_DE,
            party("b", "consignee", "KP"),
            goods=[{"description": "cognac", "value": 900}],
        ),
        "block",
        tx(SELLER_DE, party("b", "consignee", "KP"), goods=[{"description": "rice", "value": 900}]),
        tx(SELLER_DE, goods=[{"description": "cognac", "value": 900}]),
    ),
    "OIL-01": (
        tx(party("b", "buyer", "CN"), **oil_voyage("off Johor (EOPL)")),
        "review",
        tx(party("b", "buyer", "CN"), **oil_voyage("off Rotterdam")),
        tx(party("b", "buyer", "CN"), goods=oil_voyage("EOPL")["goods"]),
    ),
}
