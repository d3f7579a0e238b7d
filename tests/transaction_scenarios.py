"""Builders for transaction requests and the scenarios: T01-T18 of the red-flag catalogue,
T19-T35 for the second-round rules (issue 13).

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


def company(
    pid: str, name: str, *, role: str | None = None, at: tuple[str, ...] = (), **fields: Any
) -> dict[str, Any]:
    """An organization party. Most scenarios have one party per role, so ``role`` defaults
    to the id; ``at`` is the address as ``(city, country, *lines)``."""
    if at:
        fields["address"] = address(*at)
    return party(pid, role or pid, name, entity_type="organization", **fields)


def item(description: str, hs_code: str, value: float, **fields: Any) -> dict[str, Any]:
    """One goods line as a trade document states it."""
    return {"description": description, "hs_code": hs_code, "value": value, **fields}


def payment(amount: float, currency: str, **fields: Any) -> dict[str, Any]:
    return {"amount": amount, "currency": currency, **fields}


def request(*parties: dict[str, Any], **parts: Any) -> dict[str, Any]:
    """A request judged on ``AS_OF`` (unless ``as_of`` is given) between ``parties``, with
    the other parts (goods, shipment, payment, regimes, ...) as given."""
    return {"as_of": AS_OF, "parties": list(parties), **parts}


def front_company(**overrides: Any) -> dict[str, Any]:
    """The motivating case's buyer: SG real-estate firm, 5 months old, no web, no office."""
    base = company(
        "buyer",
        "Golden Harbour Property Management Pte Ltd",
        country="SG",
        industry="Real estate management (ISIC L68)",
        incorporation_date="2026-06-15",
        web_presence="none",
        website=None,
        physical_office="none",
        at=("Singapore", "SG", "10 Anson Road #20-05"),
    )
    return {**base, **overrides}


def fuel_seller() -> dict[str, Any]:
    return company(
        "seller",
        "Vostok Fuel Supply LLC",
        country="RU",
        industry="fuel trading",
        at=("Vladivostok", "RU", "ul. Svetlanskaya 5"),
    )


def established_trader(**overrides: Any) -> dict[str, Any]:
    """A 15-year-old Singapore fuel wholesaler with a website and a verified office."""
    base = company(
        "buyer",
        "Lion City Energy Trading Pte Ltd",
        country="SG",
        industry="Wholesale of fuels (ISIC G4671)",
        incorporation_date="2011-03-01",
        website="https://lioncity-energy.example.sg",
        web_presence="verified",
        physical_office="verified",
        at=("Singapore", "SG", "1 Raffles Place #40-01"),
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
    """Rule ids that must be evaluated and not fire."""
    only: frozenset[str] | None = None
    """When set, every hit must be one of these."""
    min_score: int = 0
    priority: str | None = None
    not_evaluated: frozenset[str] = frozenset()
    """Rule ids the answer must report as not evaluated (a fact they need is absent)."""
    extra: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return copy.deepcopy(self.request)

    def check(
        self,
        decision: str,
        fired: set[str],
        skipped: set[str],
        score: int | None = None,
        priority: str | None = None,
    ) -> None:
        """Assert an answer (from the service, over HTTP or from gunicorn) is this
        scenario's: the decision, the rules that fire, stay quiet or are not evaluated,
        and (when given) the score and priority."""
        assert decision == self.decision, (sorted(fired), score)
        assert self.hits <= fired, self.hits - fired
        assert not (self.absent & fired), self.absent & fired
        assert not (self.absent & skipped), ("not evaluated", self.absent & skipped)
        assert self.not_evaluated <= skipped, self.not_evaluated - skipped
        assert not (self.not_evaluated & fired), self.not_evaluated & fired
        if self.only is not None:
            assert fired <= self.only, fired - self.only
        if score is not None:
            assert score >= self.min_score
        if self.priority and priority is not None:
            assert priority == self.priority


def clean(sid: str, title: str, body: dict[str, Any], **checks: Any) -> Scenario:
    """A clean control or near miss: the decision is clear and no rule fires at all."""
    return Scenario(sid, title, body, "clear", only=frozenset(), **checks)


def _t01() -> dict[str, Any]:
    payer = party("payer", "payer", "Ri Chol Min", entity_type="individual", nationality="KP")
    return motivating_case(payer)


def _t02() -> dict[str, Any]:
    payer = company(
        "payer",
        "Great Ocean Commodities Ltd",
        country="HK",
        at=("Hong Kong", "HK", "88 Queensway, Admiralty"),
        bank={"bic": "HSBCHKHH"},
    )
    return motivating_case(
        payer,
        destination_history=[{"port": "Shidao, China", "changed_at": "2026-11-05"}],
    )


def _t03() -> dict[str, Any]:
    seller = company(
        "seller",
        "Maasvlakte Oil Products BV",
        country="NL",
        at=("Rotterdam", "NL", "Moezelweg 101"),
    )
    return request(
        established_trader(),
        seller,
        goods=[item("gasoil 0.1% sulphur", "271019", 8_000_000)],
        shipment={
            "port_of_loading": {"name": "Rotterdam", "unlocode": "NLRTM"},
            "port_of_discharge": {"name": "Singapore", "unlocode": "SGSIN"},
            "destination_country": "SG",
            "vessel": clean_vessel(),
        },
        payment=payment(
            8_000_000, "USD", ordering_bank_bic="DBSSSGSG", beneficiary_bank_bic="ABNANL2A"
        ),
    )


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
    req["goods"] = [item("ULSD 10ppm", "2710.19", 8_000_000)]
    req["shipment"] = {
        "port_of_loading": "Nakhodka",
        "port_of_discharge": {"name": "Singapore", "unlocode": "SGSIN"},
        "sts_planned": True,
        "vessel": {**vessel, "sts_events": [{"location": "East China Sea", "night": True}]},
    }
    return req


def _t05() -> dict[str, Any]:
    return request(
        company(
            "buyer",
            "Hanbit Apparel Co., Ltd.",
            at=("Seoul", "Korea", "123 Teheran-ro, Gangnam-gu"),
            bank={"bic": "SHBKKRSE"},
        ),
        company(
            "seller",
            "Saigon Garment Joint Stock Company",
            country="VN",
            at=("Ho Chi Minh City", "VN", "12 Nguyen Hue"),
        ),
        goods=[item("cotton T-shirts", "6109.10", 120_000, origin_country="VN")],
        payment=payment(120_000, "USD", ordering_bank_bic="SHBKKRSE"),
    )


def _t06() -> dict[str, Any]:
    return request(
        company(
            "orderer",
            "Nordic Energy Imports AB",
            role="ordering_customer",
            at=("Gothenburg", "SE", "Hamngatan 1"),
        ),
        company("beneficiary", "ABC Trading Co.", country="Korea"),
        goods=[item("anthracite", "2701.11", 900_000)],
        payment=payment(900_000, "EUR", ordering_bank_bic="ESSESESS"),
    )


def _t07() -> dict[str, Any]:
    return request(
        company(
            "buyer",
            "Busan Sports Outfitters Co., Ltd.",
            at=("Busan", "Korea", "12 Nampo-dong", "Jung-gu"),
        ),
        company("seller", "Osaka Athletic Wear KK", country="JP", at=("Osaka", "JP", "1-1 Umeda")),
        goods=[item("sportswear", "6211.33", 40_000, origin_country="JP")],
        payment=payment(40_000, "USD", purpose="Invoice 778, Nampo-dong store"),
    )


def _t08() -> dict[str, Any]:
    buyer = company(
        "buyer",
        "Liaoyang Refractory Materials Co",
        country="CN",
        at=("Liaoyang", "CN", "8 Gongye Road"),
    )
    return request(
        buyer,
        goods=[item("magnesia clinker", "2519.90", 300_000, origin_country="CN")],
        shipment={
            "port_of_loading": {"name": "Nampo", "unlocode": "KPNAM"},
            "port_of_discharge": "Dalian",
        },
    )


def coal_from_kholmsk(regimes: list[str] | None = None) -> dict[str, Any]:
    vessel = clean_vessel(
        name="NORTHERN STAR 7",
        port_calls=[
            {"port": "Chongjin", "date": "2026-09-21"},
            {"port": "Kholmsk", "date": "2026-11-01"},
        ],
    )
    req = request(
        company(
            "seller",
            "Sakhalin Coal Export LLC",
            country="RU",
            at=("Kholmsk", "RU", "ul. Sovetskaya 1"),
        ),
        company(
            "buyer",
            "Haiphong Energy Materials JSC",
            country="VN",
            at=("Haiphong", "VN", "5 Le Hong Phong"),
        ),
        goods=[item("steam coal", "2701.12", 2_000_000, origin_country="RU")],
        shipment={"port_of_loading": "Kholmsk", "port_of_discharge": "Haiphong", "vessel": vessel},
    )
    if regimes:
        req["regimes"] = regimes
    return req


def _t10() -> dict[str, Any]:
    return request(
        company(
            "orderer",
            "Baltic Marine Supplies OU",
            role="ordering_customer",
            at=("Tallinn", "EE", "Sadama 5"),
        ),
        company(
            "beneficiary",
            "Morskoy Servis LLC",
            at=("Sevastopol", "Russia", "ul. Bolshaya Morskaya 10"),
        ),
        payment=payment(35_000, "EUR", purpose="ship repair services"),
    )


def syria_supplier(as_of: str = AS_OF) -> dict[str, Any]:
    return request(
        company(
            "seller", "Damascus Olive Groves Co", at=("Damascus", "Syria", "Al-Hamidiyah Street")
        ),
        company(
            "buyer",
            "Mediterranean Foods GmbH",
            country="DE",
            at=("Hamburg", "DE", "Speicherstadt 3"),
        ),
        as_of=as_of,
        regimes=["US"],
        goods=[item("extra virgin olive oil", "1509.20", 60_000)],
        payment=payment(60_000, "EUR"),
    )


def _t12() -> dict[str, Any]:
    return request(
        company(
            "seller",
            "Golden Delta Rice Exporters",
            country="MM",
            at=("Yangon", "MM", "Strand Road 40"),
        ),
        company("buyer", "Lion City Grains Pte Ltd", country="SG"),
        goods=[item("white rice 5% broken", "1006.30", 500_000)],
    )


def _t13() -> dict[str, Any]:
    return request(
        company(
            "seller",
            "Precision Machine Works GmbH",
            country="DE",
            at=("Stuttgart", "DE", "Industriestrasse 2"),
        ),
        company(
            "buyer",
            "Horizon Global Trading FZE",
            country="AE",
            incorporation_date="2026-07-10",
            ubo_known=False,
            at=("Dubai", "AE", "Jebel Ali Free Zone"),
        ),
        goods=[item("5-axis CNC machining centre", "8457.10", 450_000)],
        payment=payment(450_000, "EUR"),
    )


def _t14() -> dict[str, Any]:
    return request(
        front_company(incorporation_date="2019-01-01", physical_office="verified"),
        company("seller", "Office Comfort Furniture Pte Ltd", country="SG"),
        goods=[item("office desks and chairs", "9403.30", 12_000)],
        payment=payment(12_000, "USD"),
    )


def _t15() -> dict[str, Any]:
    req = _t03()
    parent = company(
        "parent",
        "Lion City Energy Holdings Ltd",
        role="payer",
        country="SG",
        at=("Singapore", "SG", "1 Raffles Place #41-01"),
    )
    req["parties"].append(parent)
    req["relationships"] = [{"from": "parent", "to": "buyer", "type": "parent"}]
    return req


def _t16() -> dict[str, Any]:
    req = _t03()
    req["shipment"]["vessel"] = {"name": "KUM UN SAN 3"}
    return req


def _t17() -> dict[str, Any]:
    return request(
        company(
            "buyer",
            "Gulf Household Supplies Co",
            country="KW",
            at=("Kuwait City", "KW", "Al Soor Street"),
        ),
        company(
            "seller",
            "Bavaria Kitchen Appliances GmbH",
            country="DE",
            at=("Munich", "DE", "Leopoldstrasse 9"),
        ),
        goods=[item("refrigerators", "8418.10", 80_000)],
        payment=payment(80_000, "EUR"),
    )


def _t18() -> dict[str, Any]:
    offshore = [
        ("Silver Crest Holdings Ltd", "VG", "Road Town"),
        ("Eastern Pearl Finance Ltd", "SC", "Victoria"),
        ("Coral Bay Ventures Inc", "MH", "Majuro"),
    ]
    payers = [
        company(f"payer{i}", name, role="payer", country=c, at=(city, c, "1 Main St"))
        for i, (name, c, city) in enumerate(offshore)
    ]
    return request(
        company(
            "seller",
            "Kowloon Prosperity Trading Ltd",
            country="HK",
            at=("Hong Kong", "HK", "Nathan Road 500"),
        ),
        company("buyer", "Metro Industrial Supply LLC", country="AE", at=("Dubai", "AE", "Deira")),
        *payers,
        goods=[item("general goods", "84", 2_000_000)],
        payment=payment(2_000_000, "USD"),
    )


# --- second round (issue 13): export controls, price cap, luxury, relabelled oil, borders --


def machine_maker(**overrides: Any) -> dict[str, Any]:
    """A German machine-tool and electronics distributor (the exporter)."""
    base = company(
        "seller",
        "Schwaben Praezision Komponenten GmbH",
        country="DE",
        at=("Stuttgart", "DE", "Industriestrasse 12"),
        bank={"bic": "SOLADEST"},
    )
    return {**base, **overrides}


def _chpl_via_bishkek() -> dict[str, Any]:
    """Microcontrollers and GNSS modules to a 3-month-old Kyrgyz trader with no website,
    the end user a Russian 'instrument plant': the textbook diversion case."""
    return request(
        machine_maker(),
        company(
            "buyer",
            "Ala-Too Trade Solutions LLC",
            country="KG",
            industry="general trading",
            incorporation_date="2026-08-20",
            web_presence="none",
            at=("Bishkek", "KG", "prospekt Chui 120"),
        ),
        company("enduser", "Tula Instrument Plant JSC", role="end_user", country="RU"),
        goods=[
            item("STM32 microcontrollers", "8542.31", 310_000),
            item("GNSS receiver modules", "8526.91", 95_000),
        ],
        payment=payment(405_000, "EUR", ordering_bank_bic="KICBKG22"),
    )


def _chpl_to_moscow() -> dict[str, Any]:
    return request(
        machine_maker(),
        company("buyer", "Volga Bearing Service LLC", country="RU", at=("Moscow", "RU")),
        goods=[item("spherical roller bearings", "8482.30", 240_000)],
        payment=payment(240_000, "EUR"),
    )


def _cnc_inside_the_eu() -> dict[str, Any]:
    """The near miss of issue 13: machine tools sold from Germany to France."""
    return request(
        machine_maker(),
        company(
            "buyer",
            "Ateliers Mecaniques de Lyon SAS",
            country="FR",
            industry="manufacturing of machinery",
            incorporation_date="1987-05-01",
            website="https://aml-lyon.example.fr",
            web_presence="verified",
            at=("Lyon", "FR", "14 rue de l'Industrie"),
        ),
        goods=[item("5-axis CNC machining centre", "8457.10", 450_000)],
        payment=payment(
            450_000, "EUR", ordering_bank_bic="BNPAFRPP", beneficiary_bank_bic="SOLADEST"
        ),
    )


def _bearings_to_norway() -> dict[str, Any]:
    return request(
        machine_maker(),
        company(
            "buyer",
            "Bergen Marine Maskin AS",
            country="NO",
            industry="marine engineering",
            incorporation_date="1995-02-01",
            web_presence="verified",
            at=("Bergen", "NO", "Sandviksveien 3"),
        ),
        goods=[item("ball bearings for ship engines", "8482.10", 60_000)],
        payment=payment(60_000, "EUR"),
    )


def oil_trader(country: str, name: str, city: str) -> dict[str, Any]:
    return company(
        "seller",
        name,
        country=country,
        industry="oil trading",
        incorporation_date="2012-01-01",
        web_presence="verified",
        at=(city, country, "Business Bay"),
    )


def russian_oil(description: str, hs: str, per_tonne: float, tonnes: float) -> dict[str, Any]:
    return item(
        description,
        hs,
        per_tonne * tonnes,
        origin_country="RU",
        quantity=tonnes,
        unit="t",
        unit_price=per_tonne,
        currency="USD",
    )


def _russian_crude_above_cap() -> dict[str, Any]:
    """Urals at US$455/t (US$62.07/bbl) with a London P&I club and USD payment."""
    return request(
        oil_trader("AE", "Desert Falcon Petroleum FZCO", "Dubai"),
        company("buyer", "Coastal Refining Ltd", country="IN", at=("Mumbai", "IN")),
        company("insurer", "Thames Mutual P&I", role="insurer", country="GB"),
        goods=[russian_oil("Urals crude oil", "2709.00", 455.0, 100_000)],
        shipment={
            "port_of_loading": "Novorossiysk",
            "port_of_discharge": {"name": "Sikka", "unlocode": "INSIK"},
        },
        payment=payment(45_500_000, "USD"),
    )


def _russian_diesel_below_cap() -> dict[str, Any]:
    """Russian-origin diesel at US$650/t (US$87.13/bbl), under the US$100 premium cap,
    with a UK insurer and USD payment: the near miss."""
    req = _russian_crude_above_cap()
    req["goods"] = [russian_oil("diesel EN590 10ppm", "2710.19", 650.0, 30_000)]
    req["payment"] = payment(19_500_000, "USD")
    req["shipment"] = {"port_of_discharge": {"name": "Mersin", "unlocode": "TRMER"}}
    req["parties"][1] = company(
        "buyer",
        "Anatolia Fuel AS",
        country="TR",
        at=("Mersin", "TR"),
    )
    return req


def _norwegian_crude() -> dict[str, Any]:
    req = _russian_crude_above_cap()
    req["goods"] = [
        item(
            "Johan Sverdrup crude oil",
            "2709.00",
            58_000_000,
            origin_country="NO",
            quantity=100_000,
            unit="t",
            unit_price=580.0,
        )
    ]
    req["shipment"] = {
        "port_of_loading": {"name": "Mongstad", "unlocode": "NOMON"},
        "port_of_discharge": {"name": "Sikka", "unlocode": "INSIK"},
    }
    return req


def boutique(country: str, city: str) -> dict[str, Any]:
    return company("buyer", f"Maison Elite {city}", country=country, at=(city, country))


def handbags(per_item: float, count: int = 40) -> dict[str, Any]:
    return item(
        "leather handbags",
        "4202.21",
        per_item * count,
        quantity=count,
        unit="pcs",
        unit_price=per_item,
        currency="EUR",
    )


def _handbags(per_item: float, country: str, city: str, **parts: Any) -> dict[str, Any]:
    seller = company("seller", "Pelletteria Fiorentina SpA", country="IT", at=("Florence", "IT"))
    return request(
        seller,
        boutique(country, city),
        goods=[handbags(per_item)],
        payment=payment(per_item * 40, "EUR"),
        **parts,
    )


def _relabelled_crude() -> dict[str, Any]:
    """'Malaysian blend' crude, STS off Johor after an AIS gap, a 2004-built tanker with
    an unknown insurer, sold to a Shandong independent refiner."""
    return request(
        oil_trader("MY", "Straits Energy Resources Sdn Bhd", "Kuala Lumpur"),
        company(
            "buyer",
            "Dongying Haiyuan Petrochemical Co",
            country="CN",
            industry="independent refinery",
            at=("Dongying", "CN", "Shandong"),
        ),
        goods=[
            item(
                "Malaysian blend crude oil",
                "2709.00",
                52_000_000,
                origin_country="MY",
                quantity=1_000_000,
                unit="bbl",
            )
        ],
        shipment={
            "port_of_discharge": "Qingdao",
            "vessel": clean_vessel(
                name="CELESTIAL GRACE",
                build_year=2004,
                pandi_insurer="unknown",
                port_calls=[{"port": "Qingdao", "date": "2026-10-20"}],
                ais_gaps=[{"hours": 52, "area": "South China Sea"}],
                sts_events=[{"location": "Eastern Outer Port Limits (EOPL), off Johor"}],
            ),
        },
        payment=payment(52_000_000, "CNY"),
    )


def _malaysian_crude_from_terminal() -> dict[str, Any]:
    """The near miss: Malaysian crude loaded at a terminal, no STS, same teapot buyer."""
    req = _relabelled_crude()
    req["shipment"]["vessel"] = clean_vessel(
        name="CELESTIAL GRACE",
        port_calls=[{"port": "Port Klang", "date": "2026-10-10"}],
        sts_events=[],
    )
    return req


def _iraqi_crude_to_india() -> dict[str, Any]:
    req = _relabelled_crude()
    req["parties"][1] = company(
        "buyer",
        "Bharat Coastal Refineries Ltd",
        country="IN",
        industry="refining",
        at=("Mumbai", "IN"),
    )
    req["goods"][0] = item(
        "Basrah Medium crude oil",
        "2709.00",
        70_000_000,
        origin_country="IQ",
        quantity=1_000_000,
        unit="bbl",
    )
    req["shipment"] = {
        "port_of_loading": {"name": "Basrah", "unlocode": "IQBSR"},
        "port_of_discharge": {"name": "Sikka", "unlocode": "INSIK"},
        "vessel": clean_vessel(port_calls=[{"port": "Basrah", "date": "2026-10-10"}]),
    }
    req["payment"] = payment(70_000_000, "USD")
    return req


def _chpl_buyer_unplaced() -> dict[str, Any]:
    """CHPL bearings to a buyer whose country, address and bank are not given: where the
    goods go is unknown, so EXP-01 and EXP-02 cannot be judged."""
    req = _chpl_to_moscow()
    req["parties"][1] = company("buyer", "Volga Bearing Service LLC")
    return req


def _crude_without_unit() -> dict[str, Any]:
    """Urals priced at 455 a unit that is not named: no price per barrel, no cap check."""
    req = _russian_crude_above_cap()
    del req["goods"][0]["unit"]
    return req


def _handbags_nowhere() -> dict[str, Any]:
    """Luxury handbags with no buyer country, address or destination."""
    req = _handbags(1_850, "RU", "Moscow")
    req["parties"][1] = company("buyer", "Maison Elite")
    return req


def _relabelled_crude_undeclared() -> dict[str, Any]:
    """The relabelling voyage with no declared origin: nothing for the route to contradict."""
    req = _relabelled_crude()
    del req["goods"][0]["origin_country"]
    req["goods"][0]["description"] = "crude oil"
    return req


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
    clean("T03", "established SG fuel trader, gasoil from Rotterdam", _t03()),
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
        not_evaluated=frozenset({"EXP-02"}),  # to the UAE, and nothing says what the goods are
    ),
    # --- issue 13: each family fires, has a near miss that stays quiet, and a clean control
    Scenario(
        "T19",
        "CHPL chips to a new Kyrgyz trader, Russian end user",
        _chpl_via_bishkek(),
        "block",
        hits=frozenset({"EXP-01", "EXP-02", "CPY-02"}),
    ),
    Scenario(
        "T20",
        "CHPL bearings sold to Moscow",
        _chpl_to_moscow(),
        "block",
        hits=frozenset({"EXP-01"}),
    ),
    clean(
        "T21",
        "CNC machining centre sold inside the EU",
        _cnc_inside_the_eu(),
        absent=frozenset({"GDS-05", "EXP-01", "EXP-02"}),
    ),
    clean(
        "T22",
        "bearings to a Norwegian shipyard",
        _bearings_to_norway(),
        absent=frozenset({"EXP-01", "EXP-02"}),
    ),
    Scenario(
        "T23",
        "Urals above the EU/UK cap, London P&I, USD",
        _russian_crude_above_cap(),
        "block",
        hits=frozenset({"CAP-01"}),
    ),
    clean(
        "T24",
        "Russian diesel below the cap with coalition services",
        _russian_diesel_below_cap(),
        absent=frozenset({"CAP-01"}),
    ),
    clean(
        "T25", "Norwegian crude, same services", _norwegian_crude(), absent=frozenset({"CAP-01"})
    ),
    Scenario(
        "T26",
        "EUR 1,850 handbags to a Moscow boutique",
        _handbags(1_850, "RU", "Moscow"),
        "block",
        hits=frozenset({"LUX-01"}),
    ),
    Scenario(
        "T27",
        "EUR 250 handbags to Moscow under the EU and UK regimes",
        _handbags(250, "RU", "Moscow", regimes=["EU", "UK"]),
        "review",
        absent=frozenset({"LUX-01"}),
        only=frozenset({"JUR-06"}),
    ),
    clean(
        "T28",
        "EUR 1,850 handbags to Paris",
        _handbags(1_850, "FR", "Paris"),
        absent=frozenset({"LUX-01", "LUX-02"}),
    ),
    Scenario(
        "T29",
        "'Malaysian blend' via STS off Johor to a teapot",
        _relabelled_crude(),
        "review",
        hits=frozenset({"OIL-01", "MAR-04", "MAR-08"}),
    ),
    clean(
        "T30",
        "Malaysian crude from a terminal to the same refiner",
        _malaysian_crude_from_terminal(),
        absent=frozenset({"OIL-01"}),
    ),
    clean(
        "T31",
        "Iraqi crude to an Indian refiner",
        _iraqi_crude_to_india(),
        absent=frozenset({"OIL-01"}),
    ),
    # --- a fact each family needs is absent: the answer says the rule was not evaluated
    clean(
        "T32",
        "CHPL bearings to a buyer of unknown country",
        _chpl_buyer_unplaced(),
        not_evaluated=frozenset({"EXP-01", "EXP-02"}),
    ),
    clean(
        "T33",
        "Urals priced per unnamed unit",
        _crude_without_unit(),
        not_evaluated=frozenset({"CAP-01"}),
    ),
    clean(
        "T34",
        "luxury handbags, destination unknown",
        _handbags_nowhere(),
        not_evaluated=frozenset({"LUX-01", "LUX-02"}),
    ),
    Scenario(
        "T35",
        "STS off Johor, crude origin not declared",
        _relabelled_crude_undeclared(),
        "review",
        hits=frozenset({"MAR-04", "MAR-08"}),
        not_evaluated=frozenset({"OIL-01"}),
    ),
)
