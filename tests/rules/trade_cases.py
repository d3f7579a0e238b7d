"""Fires / near miss / not evaluated, for every rule issue 13 added or changed (EXP-01,
EXP-02, CAP-01, LUX-01, LUX-02, OIL-01 and the border-aware GDS-05), as one table.

Each rule has the smallest request on which it fires, with the values its explanation
must name; near misses that change one fact just past the boundary (a price at the cap,
the day before a cap was lowered, an intra-EU route, goods one HS heading away, a
country not on the list) and must stay quiet; and requests lacking one fact the rule
needs, with the request fields the answer must name as missing. Checked by
tests/rules/test_trade_controls.py; the catalogue (test_rule_catalogue.py) takes the
first of each from :func:`catalogue_cases`.
"""

from __future__ import annotations

from dataclasses import dataclass
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
INSURER_GB = party("i", "insurer", "GB")


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


def oil_voyage(location: str, origin: str | None = "MY", **vessel: Any) -> dict[str, Any]:
    line: dict[str, Any] = {"description": "crude oil", "hs_code": "2709", "value": 1}
    if origin:
        line["origin_country"] = origin
    return {
        "goods": [line],
        "shipment": {
            "vessel": {"name": "OCEAN DAWN", "sts_events": [{"location": location}], **vessel}
        },
    }


@dataclass(frozen=True)
class RuleCases:
    fires: dict[str, Any]
    severity: str
    names: tuple[str, ...]
    """What the explanation must quote: the values and the measure."""
    quiet: dict[str, dict[str, Any]]
    """Near miss -> request that must leave the rule evaluated and quiet."""
    absent: dict[str, tuple[dict[str, Any], tuple[str, ...]]]
    """Missing fact -> (request, request fields the not-evaluated entry must name)."""


DESTINATION = ("parties[role=buyer|consignee].country", "shipment.destination_country")
CHPL_DESTINATION = (
    "parties[role=buyer|consignee|end_user].country",
    "shipment.destination_country",
)
TO_RUSSIA = (SELLER_DE, party("b", "buyer", "RU"))
BUYER_CN = party("b", "buyer", "CN")
TO_KP = (SELLER_DE, party("b", "consignee", "KP"))
COGNAC = {"description": "cognac", "hs_code": "2208.20", "value": 900}
PARTS = {"description": "assorted parts", "value": 9_000}
"""A line neither an HS heading nor a known word identifies."""
TABLEWARE = {"description": "porcelain tableware", "hs_code": "6911.10", "unit_price": 160}

RULES: dict[str, RuleCases] = {
    "EXP-01": RuleCases(
        tx(*TO_RUSSIA, goods=[CHIPS]),
        "block",
        ("'microcontrollers' at goods[0]", "CHPL tier 1", "buyer in RU", "the EU regime bans"),
        {
            "buyer in Finland, not Russia": tx(SELLER_DE, party("b", "buyer", "FI"), goods=[CHIPS]),
            "HS 8543.70, one heading from the CHPL's 8542": tx(
                *TO_RUSSIA,
                goods=[{"description": "electric fence energisers", "hs_code": "8543.70"}],
            ),
            "UN regime only (no CHPL ban)": tx(*TO_RUSSIA, goods=[CHIPS], regimes=["UN"]),
            "diesel without an HS code (its words say what it is)": tx(
                *TO_RUSSIA, goods=[{"description": "diesel fuel", "value": 9_000}]
            ),
        },
        {
            "a line nothing identifies": (tx(*TO_RUSSIA, goods=[PARTS]), ("goods[].hs_code",)),
            "no destination": (
                tx(SELLER_DE, party("b", "buyer"), goods=[CHIPS]),
                CHPL_DESTINATION,
            ),
            "no goods": (tx(*TO_RUSSIA), ("goods[]",)),
        },
    ),
    "EXP-02": RuleCases(
        tx(SELLER_DE, party("b", "buyer", "KG"), goods=[CNC]),
        "review",
        ("'5-axis CNC machining centre' at goods[0]", "CHPL tier 4A", "buyer in KG", "DE -> KG"),
        {
            "buyer in Singapore, not a diversion country": tx(
                SELLER_DE, party("b", "buyer", "SG"), goods=[CNC]
            ),
            "HS 8456.11, one heading from the CHPL's 8457": tx(
                SELLER_DE,
                party("b", "buyer", "KG"),
                goods=[{"description": "laser cutting machines", "hs_code": "8456.11"}],
            ),
            "paid from the UAE but sold inside the EU": tx(
                SELLER_DE, party("b", "buyer", "FR"), party("p", "payer", "AE"), goods=[CNC]
            ),
            "a line nothing identifies, sold inside the EU": tx(
                SELLER_DE, party("b", "buyer", "FR"), goods=[PARTS]
            ),
        },
        {
            "a line nothing identifies": (
                tx(SELLER_DE, party("b", "buyer", "KG"), goods=[PARTS]),
                ("goods[].hs_code",),
            ),
            "no destination, end user or payer": (
                tx(SELLER_DE, party("b", "buyer"), goods=[CNC]),
                (*CHPL_DESTINATION, "parties[role=payer].country"),
            ),
        },
    ),
    "CAP-01": RuleCases(
        # US$400/t / 7.33 bbl/t = US$54.57/bbl, above the EU and UK US$44.10.
        tx(INSURER_GB, goods=[crude(400)]),
        "block",
        (
            "'Urals crude oil' at goods[0]",
            "US$54.57/bbl",
            "above the EU crude cap US$44.10/bbl (since 2026-02-01)",
            "insurer in coalition country GB",
        ),
        {
            "at the EU/UK cap, US$44.10/bbl": tx(
                INSURER_GB, goods=[crude(44.10, unit="bbl", quantity=700_000)]
            ),
            "US$46/bbl the day before the UK lowered its cap": tx(
                INSURER_GB,
                goods=[crude(46, unit="bbl", quantity=700_000)],
                as_of="2026-01-30",
            ),
            "4 Dec 2022, the day before the first cap": tx(
                INSURER_GB, goods=[crude(400)], as_of="2022-12-04"
            ),
            "Norwegian origin": tx(INSURER_GB, goods=[crude(400, origin_country="NO")]),
            "HS 2711 (gas), one heading from crude": tx(
                INSURER_GB,
                goods=[crude(400, description="liquefied natural gas", hs_code="2711.11")],
            ),
            "insurer in the UAE, paid in dirhams": tx(
                party("i", "insurer", "AE"), goods=[crude(400)], payment={"currency": "AED"}
            ),
        },
        {
            "no unit": (
                tx(INSURER_GB, goods=[crude(400, unit=None)]),
                ("goods[].unit_price", "goods[].unit"),
            ),
            "neither origin nor loading port": (
                tx(INSURER_GB, goods=[crude(400, origin_country=None)]),
                ("goods[].origin_country", "shipment.port_of_loading"),
            ),
            "nothing on services or payment": (
                tx(goods=[crude(400)]),
                ("payment.currency", "shipment.vessel.pandi_insurer"),
            ),
        },
    ),
    "LUX-01": RuleCases(
        tx(*TO_RUSSIA, goods=[handbags(1_850)], regimes=["EU"]),
        "block",
        (
            "'leather handbags' at goods[0]",
            "to RU (Russian Federation)",
            "EU Annex XVIII above EUR 300: EUR 1,850.00",
        ),
        {
            "EUR 300 a bag, at the EU threshold": tx(
                *TO_RUSSIA, goods=[handbags(300)], regimes=["EU"]
            ),
            "to Paris": tx(SELLER_DE, party("b", "buyer", "FR"), goods=[handbags(1_850)]),
            "HS 4201 saddlery, one heading from handbags": tx(
                *TO_RUSSIA,
                goods=[{**handbags(1_850), "description": "saddlery", "hs_code": "4201.00"}],
                regimes=["EU"],
            ),
        },
        {
            "no destination": (tx(SELLER_DE, goods=[handbags(1_850)]), DESTINATION),
            "a line nothing identifies": (tx(*TO_RUSSIA, goods=[PARTS]), ("goods[].hs_code",)),
            "no value under the EU's threshold": (
                tx(*TO_RUSSIA, goods=[{"description": "leather handbags"}], regimes=["EU"]),
                ("goods[].unit_price", "goods[].value"),
            ),
        },
    ),
    "LUX-02": RuleCases(
        tx(*TO_KP, goods=[COGNAC]),
        "block",
        ("'cognac' at goods[0]", "to the DPRK", "UN luxury-goods ban"),
        {
            "to the Republic of Korea": tx(
                SELLER_DE, party("b", "consignee", "KR"), goods=[COGNAC]
            ),
            "HS 2209 rice vinegar, one heading from spirits": tx(
                *TO_KP, goods=[{"description": "rice vinegar", "hs_code": "2209.00", "value": 900}]
            ),
            "tableware at US$100, the UN threshold": tx(
                *TO_KP, goods=[{**TABLEWARE, "unit_price": 100, "currency": "USD"}]
            ),
        },
        {
            "no destination": (tx(SELLER_DE, goods=[COGNAC]), DESTINATION),
            "a line nothing identifies": (tx(*TO_KP, goods=[PARTS]), ("goods[].hs_code",)),
            "tableware with no value under the UN's US$100": (
                tx(*TO_KP, goods=[{"description": "porcelain tableware", "hs_code": "6911.10"}]),
                ("goods[].unit_price", "goods[].value"),
            ),
        },
    ),
    "OIL-01": RuleCases(
        tx(BUYER_CN, **oil_voyage("off Johor (EOPL)")),
        "review",
        (
            "'off Johor (EOPL)' at shipment.vessel.sts_events[0]",
            "Eastern Outer Port Limits (off Johor), a relabelling area",
            "declared MY",
        ),
        {
            "STS off Rotterdam": tx(BUYER_CN, **oil_voyage("off Rotterdam")),
            "declared Iranian": tx(BUYER_CN, **oil_voyage("off Johor (EOPL)", origin="IR")),
        },
        {
            "no declared origin": (
                tx(BUYER_CN, **oil_voyage("off Johor (EOPL)", origin=None)),
                ("goods[].origin_country",),
            ),
            "no vessel track": (
                tx(BUYER_CN, goods=oil_voyage("EOPL")["goods"]),
                ("shipment.vessel.sts_events", "shipment.vessel.port_calls"),
            ),
        },
    ),
    "GDS-05": RuleCases(
        tx(SELLER_DE, party("b", "buyer", "CH"), goods=[CNC]),
        "review",
        ("'5-axis CNC machining centre' at goods[0]", "DE -> CH", "European Union control area"),
        {
            "sold inside the EU (France)": tx(SELLER_DE, party("b", "buyer", "FR"), goods=[CNC]),
            "licensed, with a known end user": tx(
                SELLER_DE,
                party("b", "buyer", "CH"),
                party("e", "end_user", "CH"),
                goods=[{**CNC, "export_control": {"licence_ref": "DE-123"}}],
            ),
        },
        {"no goods": (tx(SELLER_DE, party("b", "buyer", "CH")), ("goods[]",))},
    ),
}


def _at(price: float, **parts: Any) -> dict[str, Any]:
    """Russian crude at ``price`` US$ a barrel, insured in London."""
    return tx(INSURER_GB, goods=[crude(price, unit="bbl", quantity=700_000)], **parts)


def _bags(per_item: float) -> dict[str, Any]:
    return tx(*TO_RUSSIA, goods=[handbags(per_item)], regimes=["EU"])


def _plates(usd: float) -> dict[str, Any]:
    return tx(*TO_KP, goods=[{**TABLEWARE, "unit_price": usd, "currency": "USD"}])


def _cap_lowered(regime: str, day_before: str, day: str) -> tuple[str, dict, dict]:
    """US$46/bbl the day before ``regime`` lowered its crude cap to US$44.10, and on it."""
    return (
        "CAP-01",
        _at(46, regimes=[regime], as_of=day_before),
        _at(46, regimes=[regime], as_of=day),
    )


BOUNDARIES: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    "CAP-01 cap": ("CAP-01", _at(44.10), _at(44.11)),
    "CAP-01 UK cap date": _cap_lowered("UK", "2026-01-30", "2026-01-31"),
    "CAP-01 EU cap date": _cap_lowered("EU", "2026-01-31", "2026-02-01"),
    "LUX-01 EU threshold": ("LUX-01", _bags(300), _bags(300.01)),
    "LUX-02 UN tableware threshold": ("LUX-02", _plates(100), _plates(100.01)),
}
"""Pairs one step apart across a boundary: (rule, stays quiet, fires)."""


def catalogue_cases() -> dict[str, tuple[dict, str, dict, dict]]:
    """The catalogue's (fires, severity, quiet, lacking inputs) for each rule above."""
    return {
        rid: (c.fires, c.severity, next(iter(c.quiet.values())), next(iter(c.absent.values()))[0])
        for rid, c in RULES.items()
    }
