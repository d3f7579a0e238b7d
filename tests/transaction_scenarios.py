"""Builders for transaction requests and the scenarios T01-T18 of redflags.md §4.

Shared by the service tests (tests/test_transaction.py) and the HTTP tests
(tests/api/test_transactions.py), so both check the same cases. Every request is a
plain JSON-ready dict, exactly what a client would POST.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

AS_OF = "2026-11-20"
"""Scenarios are judged on a fixed date so ages and 180-day windows never drift."""


def party(pid: str, role: str, name: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "role": role, "name": name, **fields}


def address(city: str | None, country: str | None, *lines: str) -> dict[str, Any]:
    out: dict[str, Any] = {"lines": list(lines)}
    if city is not None:
        out["city"] = city
    if country is not None:
        out["country"] = country
    return out


def front_company(**overrides: Any) -> dict[str, Any]:
    """The motivating case's buyer: SG real-estate firm, 5 months old, no web, no office."""
    base = party(
        "buyer",
        "buyer",
        "Golden Harbour Property Management Pte Ltd",
        entity_type="organization",
        country="SG",
        industry="Real estate management (ISIC L68)",
        incorporation_date="2026-06-15",
        web_presence="none",
        website=None,
        physical_office="none",
        address=address("Singapore", "SG", "10 Anson Road #20-05"),
    )
    return {**base, **overrides}


def fuel_seller() -> dict[str, Any]:
    return party(
        "seller",
        "seller",
        "Vostok Fuel Supply LLC",
        entity_type="organization",
        country="RU",
        industry="fuel trading",
        address=address("Vladivostok", "RU", "ul. Svetlanskaya 5"),
    )


def established_trader(**overrides: Any) -> dict[str, Any]:
    """A 15-year-old Singapore fuel wholesaler with a website and a verified office."""
    base = party(
        "buyer",
        "buyer",
        "Lion City Energy Trading Pte Ltd",
        entity_type="organization",
        country="SG",
        industry="Wholesale of fuels (ISIC G4671)",
        incorporation_date="2011-03-01",
        website="https://lioncity-energy.example.sg",
        web_presence="verified",
        physical_office="verified",
        address=address("Singapore", "SG", "1 Raffles Place #40-01"),
    )
    return {**base, **overrides}


def diesel(value: float = 6_900_000, hs_code: str | None = "2710.19") -> dict[str, Any]:
    goods: dict[str, Any] = {"description": "diesel fuel", "value": value, "currency": "USD"}
    if hs_code is not None:
        goods["hs_code"] = hs_code
    return goods


def clean_vessel(**overrides: Any) -> dict[str, Any]:
    """A Marshall Islands tanker with consistent identifiers and a clean track."""
    base = {
        "name": "PACIFIC MERIDIAN",
        "imo": "9074729",
        "mmsi": "538001234",
        "flag": "MH",
        "flag_history": [{"flag": "MH", "from": "2015-01-01"}],
        "port_calls": [{"port": "Rotterdam", "date": "2026-10-01"}],
        "ais_gaps": [],
        "sts_events": [],
    }
    return {**base, **overrides}


def motivating_case(payer: dict[str, Any], **shipment: Any) -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [front_company(), fuel_seller(), payer],
        "goods": [diesel()],
        "shipment": {
            "port_of_loading": "Vladivostok",
            "port_of_discharge": {"country": "China"},
            **shipment,
        },
        "payment": {
            "amount": 6_900_000,
            "currency": "USD",
            "intermediary_bics": ["HSBCHKHH"],
            "purpose": "payment for diesel cargo",
        },
    }


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    request: dict[str, Any]
    decision: str
    hits: frozenset[str] = frozenset()
    """Rule ids that must fire."""
    absent: frozenset[str] = frozenset()
    """Rule ids that must not fire."""
    only: frozenset[str] | None = None
    """When set, every hit must be one of these."""
    min_score: int = 0
    priority: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return copy.deepcopy(self.request)


def _t01() -> dict[str, Any]:
    payer = party("payer", "payer", "Ri Chol Min", entity_type="individual", nationality="KP")
    return motivating_case(payer)


def _t02() -> dict[str, Any]:
    payer = party(
        "payer",
        "payer",
        "Great Ocean Commodities Ltd",
        entity_type="organization",
        country="HK",
        address=address("Hong Kong", "HK", "88 Queensway, Admiralty"),
        bank={"bic": "HSBCHKHH"},
    )
    return motivating_case(
        payer,
        destination_history=[{"port": "Shidao, China", "changed_at": "2026-11-05"}],
    )


def _t03() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            established_trader(),
            party(
                "seller",
                "seller",
                "Maasvlakte Oil Products BV",
                entity_type="organization",
                country="NL",
                address=address("Rotterdam", "NL", "Moezelweg 101"),
            ),
        ],
        "goods": [{"description": "gasoil 0.1% sulphur", "hs_code": "271019", "value": 8_000_000}],
        "shipment": {
            "port_of_loading": {"name": "Rotterdam", "unlocode": "NLRTM"},
            "port_of_discharge": {"name": "Singapore", "unlocode": "SGSIN"},
            "destination_country": "SG",
            "vessel": clean_vessel(),
        },
        "payment": {
            "amount": 8_000_000,
            "currency": "USD",
            "ordering_bank_bic": "DBSSSGSG",
            "beneficiary_bank_bic": "ABNANL2A",
        },
    }


def _t04() -> dict[str, Any]:
    vessel = clean_vessel(
        flag="KM",
        mmsi="616001234",
        flag_history=[
            {"flag": "MH", "from": "2015-01-01"},
            {"flag": "SL", "from": "2026-03-01"},
            {"flag": "KM", "from": "2026-08-01"},
        ],
        ais_gaps=[{"start": "2026-11-01T02:00Z", "end": "2026-11-01T22:00Z", "area": "Korea Bay"}],
        sts_events=[],
    )
    req = _t03()
    req["parties"][1] = fuel_seller()
    req["goods"] = [{"description": "ULSD 10ppm", "hs_code": "2710.19", "value": 8_000_000}]
    req["shipment"] = {
        "port_of_loading": "Nakhodka",
        "port_of_discharge": {"name": "Singapore", "unlocode": "SGSIN"},
        "sts_planned": True,
        "vessel": {**vessel, "sts_events": [{"location": "East China Sea", "night": True}]},
    }
    return req


def _t05() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "buyer",
                "buyer",
                "Hanbit Apparel Co., Ltd.",
                entity_type="organization",
                address=address("Seoul", "Korea", "123 Teheran-ro, Gangnam-gu"),
                bank={"bic": "SHBKKRSE"},
            ),
            party(
                "seller",
                "seller",
                "Saigon Garment Joint Stock Company",
                entity_type="organization",
                country="VN",
                address=address("Ho Chi Minh City", "VN", "12 Nguyen Hue"),
            ),
        ],
        "goods": [
            {
                "description": "cotton T-shirts",
                "hs_code": "6109.10",
                "origin_country": "VN",
                "value": 120_000,
            }
        ],
        "payment": {"amount": 120_000, "currency": "USD", "ordering_bank_bic": "SHBKKRSE"},
    }


def _t06() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "orderer",
                "ordering_customer",
                "Nordic Energy Imports AB",
                entity_type="organization",
                address=address("Gothenburg", "SE", "Hamngatan 1"),
            ),
            party(
                "beneficiary",
                "beneficiary",
                "ABC Trading Co.",
                entity_type="organization",
                country="Korea",
            ),
        ],
        "goods": [{"description": "anthracite", "hs_code": "2701.11", "value": 900_000}],
        "payment": {"amount": 900_000, "currency": "EUR", "ordering_bank_bic": "ESSESESS"},
    }


def _t07() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "buyer",
                "buyer",
                "Busan Sports Outfitters Co., Ltd.",
                entity_type="organization",
                address=address("Busan", "Korea", "12 Nampo-dong", "Jung-gu"),
            ),
            party(
                "seller",
                "seller",
                "Osaka Athletic Wear KK",
                entity_type="organization",
                country="JP",
                address=address("Osaka", "JP", "1-1 Umeda"),
            ),
        ],
        "goods": [
            {
                "description": "sportswear",
                "hs_code": "6211.33",
                "origin_country": "JP",
                "value": 40_000,
            }
        ],
        "payment": {
            "amount": 40_000,
            "currency": "USD",
            "purpose": "Invoice 778, Nampo-dong store",
        },
    }


def _t08() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "buyer",
                "buyer",
                "Liaoyang Refractory Materials Co",
                entity_type="organization",
                country="CN",
                address=address("Liaoyang", "CN", "8 Gongye Road"),
            ),
        ],
        "goods": [
            {
                "description": "magnesia clinker",
                "hs_code": "2519.90",
                "origin_country": "CN",
                "value": 300_000,
            }
        ],
        "shipment": {
            "port_of_loading": {"name": "Nampo", "unlocode": "KPNAM"},
            "port_of_discharge": "Dalian",
        },
    }


def coal_from_kholmsk(regimes: list[str] | None = None) -> dict[str, Any]:
    req: dict[str, Any] = {
        "as_of": AS_OF,
        "parties": [
            party(
                "seller",
                "seller",
                "Sakhalin Coal Export LLC",
                entity_type="organization",
                country="RU",
                address=address("Kholmsk", "RU", "ul. Sovetskaya 1"),
            ),
            party(
                "buyer",
                "buyer",
                "Haiphong Energy Materials JSC",
                entity_type="organization",
                country="VN",
                address=address("Haiphong", "VN", "5 Le Hong Phong"),
            ),
        ],
        "goods": [
            {
                "description": "steam coal",
                "hs_code": "2701.12",
                "origin_country": "RU",
                "value": 2_000_000,
            }
        ],
        "shipment": {
            "port_of_loading": "Kholmsk",
            "port_of_discharge": "Haiphong",
            "vessel": clean_vessel(
                name="NORTHERN STAR 7",
                port_calls=[
                    {"port": "Chongjin", "date": "2026-09-21"},
                    {"port": "Kholmsk", "date": "2026-11-01"},
                ],
            ),
        },
    }
    if regimes:
        req["regimes"] = regimes
    return req


def _t10() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "orderer",
                "ordering_customer",
                "Baltic Marine Supplies OU",
                entity_type="organization",
                address=address("Tallinn", "EE", "Sadama 5"),
            ),
            party(
                "beneficiary",
                "beneficiary",
                "Morskoy Servis LLC",
                entity_type="organization",
                address=address("Sevastopol", "Russia", "ul. Bolshaya Morskaya 10"),
            ),
        ],
        "payment": {"amount": 35_000, "currency": "EUR", "purpose": "ship repair services"},
    }


def syria_supplier(as_of: str = AS_OF) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "regimes": ["US"],
        "parties": [
            party(
                "seller",
                "seller",
                "Damascus Olive Groves Co",
                entity_type="organization",
                address=address("Damascus", "Syria", "Al-Hamidiyah Street"),
            ),
            party(
                "buyer",
                "buyer",
                "Mediterranean Foods GmbH",
                entity_type="organization",
                country="DE",
                address=address("Hamburg", "DE", "Speicherstadt 3"),
            ),
        ],
        "goods": [{"description": "extra virgin olive oil", "hs_code": "1509.20", "value": 60_000}],
        "payment": {"amount": 60_000, "currency": "EUR"},
    }


def _t12() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "seller",
                "seller",
                "Golden Delta Rice Exporters",
                entity_type="organization",
                country="MM",
                address=address("Yangon", "MM", "Strand Road 40"),
            ),
            party(
                "buyer",
                "buyer",
                "Lion City Grains Pte Ltd",
                entity_type="organization",
                country="SG",
            ),
        ],
        "goods": [{"description": "white rice 5% broken", "hs_code": "1006.30", "value": 500_000}],
    }


def _t13() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "seller",
                "seller",
                "Precision Machine Works GmbH",
                entity_type="organization",
                country="DE",
                address=address("Stuttgart", "DE", "Industriestrasse 2"),
            ),
            party(
                "buyer",
                "buyer",
                "Horizon Global Trading FZE",
                entity_type="organization",
                country="AE",
                incorporation_date="2026-07-10",
                ubo_known=False,
                address=address("Dubai", "AE", "Jebel Ali Free Zone"),
            ),
        ],
        "goods": [
            {"description": "5-axis CNC machining centre", "hs_code": "8457.10", "value": 450_000}
        ],
        "payment": {"amount": 450_000, "currency": "EUR"},
    }


def _t14() -> dict[str, Any]:
    buyer = front_company(incorporation_date="2019-01-01", physical_office="verified")
    return {
        "as_of": AS_OF,
        "parties": [
            buyer,
            party(
                "seller",
                "seller",
                "Office Comfort Furniture Pte Ltd",
                entity_type="organization",
                country="SG",
            ),
        ],
        "goods": [
            {"description": "office desks and chairs", "hs_code": "9403.30", "value": 12_000}
        ],
        "payment": {"amount": 12_000, "currency": "USD"},
    }


def _t15() -> dict[str, Any]:
    req = _t03()
    parent = party(
        "parent",
        "payer",
        "Lion City Energy Holdings Ltd",
        entity_type="organization",
        country="SG",
        address=address("Singapore", "SG", "1 Raffles Place #41-01"),
    )
    req["parties"].append(parent)
    req["relationships"] = [{"from": "parent", "to": "buyer", "type": "parent"}]
    return req


def _t16() -> dict[str, Any]:
    req = _t03()
    req["shipment"]["vessel"] = {"name": "KUM UN SAN 3"}
    return req


def _t17() -> dict[str, Any]:
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "buyer",
                "buyer",
                "Gulf Household Supplies Co",
                entity_type="organization",
                country="KW",
                address=address("Kuwait City", "KW", "Al Soor Street"),
            ),
            party(
                "seller",
                "seller",
                "Bavaria Kitchen Appliances GmbH",
                entity_type="organization",
                country="DE",
                address=address("Munich", "DE", "Leopoldstrasse 9"),
            ),
        ],
        "goods": [{"description": "refrigerators", "hs_code": "8418.10", "value": 80_000}],
        "payment": {"amount": 80_000, "currency": "EUR"},
    }


def _t18() -> dict[str, Any]:
    payers = [
        party(
            f"payer{i}",
            "payer",
            name,
            entity_type="organization",
            country=c,
            address=address(city, c, "1 Main St"),
        )
        for i, (name, c, city) in enumerate(
            [
                ("Silver Crest Holdings Ltd", "VG", "Road Town"),
                ("Eastern Pearl Finance Ltd", "SC", "Victoria"),
                ("Coral Bay Ventures Inc", "MH", "Majuro"),
            ]
        )
    ]
    return {
        "as_of": AS_OF,
        "parties": [
            party(
                "seller",
                "seller",
                "Kowloon Prosperity Trading Ltd",
                entity_type="organization",
                country="HK",
                address=address("Hong Kong", "HK", "Nathan Road 500"),
            ),
            party(
                "buyer",
                "buyer",
                "Metro Industrial Supply LLC",
                entity_type="organization",
                country="AE",
                address=address("Dubai", "AE", "Deira"),
            ),
            *payers,
        ],
        "goods": [{"description": "general goods", "hs_code": "84", "value": 2_000_000}],
        "payment": {"amount": 2_000_000, "currency": "USD"},
    }


FRONT = frozenset({"CPY-01", "CPY-02", "CPY-03", "CPY-05"})

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "T01",
        "motivating case, North Korean payer",
        _t01(),
        "block",
        hits=frozenset({"JUR-01", "JUR-05", "PAY-02", "GDS-03", "PAY-01", "PAY-03", "TYP-01"})
        | FRONT,
    ),
    Scenario(
        "T02",
        "motivating case, unrelated Hong Kong payer",
        _t02(),
        "review",
        hits=frozenset({"TYP-01", "GDS-03", "PAY-01", "PAY-03", "MAR-07"}) | FRONT,
        absent=frozenset({"JUR-01", "JUR-02", "PAY-02", "LST-01"}),
        min_score=85,
        priority="high",
    ),
    Scenario(
        "T03",
        "established SG fuel trader, gasoil from Rotterdam",
        _t03(),
        "clear",
        only=frozenset(),
    ),
    Scenario(
        "T04",
        "ULSD from Nakhodka, STS, AIS gap, flag hopping",
        _t04(),
        "review",
        hits=frozenset({"GDS-03", "MAR-03", "MAR-04", "MAR-05"}),
        min_score=99,
    ),
    Scenario(
        "T05",
        "ROK importer in 'Seoul, Korea'",
        _t05(),
        "clear",
        absent=frozenset({"JUR-01", "JUR-02", "JUR-03"}),
        only=frozenset({"JUR-06"}),
    ),
    Scenario(
        "T06", "beneficiary in bare 'Korea'", _t06(), "review", hits=frozenset({"JUR-03", "JUR-07"})
    ),
    Scenario(
        "T07",
        "address Nampo-dong, Jung-gu, Busan",
        _t07(),
        "clear",
        absent=frozenset({"JUR-01", "JUR-02", "JUR-03"}),
        only=frozenset(),
    ),
    Scenario(
        "T08", "loaded at Nampo (KPNAM)", _t08(), "block", hits=frozenset({"JUR-02", "GDS-01"})
    ),
    Scenario(
        "T09",
        "coal from Kholmsk, vessel called at Chongjin",
        coal_from_kholmsk(),
        "block",
        hits=frozenset({"MAR-02", "GDS-04", "TYP-02"}),
    ),
    Scenario(
        "T10", "beneficiary in 'Sevastopol, Russia'", _t10(), "block", hits=frozenset({"JUR-04"})
    ),
    Scenario(
        "T11",
        "Syrian supplier after 1 Jul 2025",
        syria_supplier(),
        "review",
        hits=frozenset({"JUR-06"}),
        absent=frozenset({"JUR-01"}),
    ),
    Scenario("T12", "rice from Myanmar", _t12(), "review", hits=frozenset({"JUR-05"})),
    Scenario(
        "T13",
        "CNC machining centre to a new trading company",
        _t13(),
        "review",
        hits=frozenset({"GDS-05", "CPY-02", "CPY-06"}),
    ),
    Scenario(
        "T14",
        "real-estate company buys US$12k furniture",
        _t14(),
        "clear",
        absent=frozenset({"CPY-01", "CPY-03"}),
    ),
    Scenario("T15", "parent company pays", _t15(), "clear", absent=frozenset({"PAY-01", "PAY-03"})),
    Scenario("T16", "vessel KUM UN SAN 3", _t16(), "block", hits=frozenset({"LST-02"})),
    Scenario("T17", "buyer in Kuwait", _t17(), "clear", hits=frozenset({"JUR-06"})),
    Scenario(
        "T18",
        "general goods, HS 84, three payers",
        _t18(),
        "review",
        hits=frozenset({"GDS-06", "PAY-05", "PAY-01"}),
    ),
)
