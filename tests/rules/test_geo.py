"""Country, port and place resolution, with the Korea and Nampo traps."""

from __future__ import annotations

from datetime import date

import pytest
from rule_fixtures import reference, run

from service.rules.tables import ReferenceData

REF: ReferenceData = reference()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("North Korea", "KP"),
        ("DPRK", "KP"),
        ("Korea, Democratic People's Republic of", "KP"),
        ("Korea DPR", "KP"),
        ("Chosun", "KP"),
        ("조선", "KP"),
        ("북한", "KP"),
        ("朝鲜", "KP"),
        ("Republic of Korea", "KR"),
        ("ROK", "KR"),
        ("한국", "KR"),
        ("韩国", "KR"),
        ("South Korea", "KR"),
        ("Россия", "RU"),
        ("Germany", "DE"),
        ("sg", "SG"),
    ],
)
def test_country_aliases(text: str, code: str) -> None:
    assert REF.geo.country(text).code == code


@pytest.mark.parametrize("text", ["Korea", "KOREA", "korea (the)", "Корея"])
def test_bare_korea_is_ambiguous(text: str) -> None:
    res = REF.geo.country(text)
    assert res.code is None and res.ambiguous


def test_cities_settle_korea() -> None:
    geo = REF.geo
    assert geo.country_from_place_text("Busan", "Nampo-dong, Jung-gu") == "KR"
    assert geo.country_from_place_text("Pyongyang") == "KP"
    assert geo.country_from_place_text("Springfield") is None


@pytest.mark.parametrize(
    ("port", "country", "groups"),
    [
        ("Nampo", "KP", ("dprk_port",)),
        ("KPNAM", "KP", ("dprk_port",)),
        ({"name": "Port of Nampho"}, "KP", ("dprk_port",)),
        ({"unlocode": "KPXYZ"}, "KP", ()),
        ("Vladivostok", "RU", ("rfe_port",)),
        ({"name": "Busan", "country": "Korea"}, "KR", ()),
        ("Sevastopol", "UA", ("crimea",)),
    ],
)
def test_ports(port: object, country: str, groups: tuple) -> None:
    resolved = REF.geo.port(port)
    assert resolved is not None
    assert resolved.country == country
    assert resolved.groups == groups


def test_unknown_port_in_korea_is_ambiguous() -> None:
    port = REF.geo.port({"name": "Somewhere", "country": "Korea"})
    assert port is not None and port.country is None and port.ambiguous_country


def test_address_is_scanned_for_regions_not_dprk_ports() -> None:
    geo = REF.geo
    assert [h.place.name for h in geo.region_places("ul. Bolshaya Morskaya, Sevastopol")] == [
        "Sevastopol"
    ]
    assert [h.place.name for h in geo.region_places("пр. Ленина, Донецк")] == ["Donetsk"]
    assert geo.region_places("Nampo-dong, Jung-gu, Busan") == []


def test_syria_tier_follows_the_program_change() -> None:
    geo, regimes = REF.geo, frozenset({"US"})
    assert geo.tier("SY", date(2025, 6, 30), regimes)[0] == "A"
    tier, program, as_of = geo.tier("SY", date(2025, 7, 1), regimes)
    assert (tier, as_of) == ("B", "2025-07-01") and "14312" in program


def test_cuba_is_tier_a_only_under_us_regime() -> None:
    today = date(2026, 11, 27)
    assert REF.geo.tier("CU", today, frozenset({"US"}))[0] == "A"
    assert REF.geo.tier("CU", today, frozenset({"UN", "EU"}))[0] == ""


def test_sea_areas() -> None:
    assert REF.geo.sea_area("20h dark in the West Sea") == "Korea Bay"
    assert REF.geo.sea_area("North Sea") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Seoul, Korea", "KR"), ("Busan, Korea (South)", "KR"), ("Pyongyang, Korea", "KP")],
)
def test_a_city_in_the_country_field_settles_korea(text: str, code: str) -> None:
    assert REF.geo.country(text).code == code


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Crimea", "crimea"),
        ("Sevastopol", "sevastopol"),
        ("Sevastopol, Russia", "sevastopol"),
        ("Donetsk People's Republic", "dnr_lnr"),
    ],
)
def test_a_region_written_as_a_country_is_found(text: str, region: str) -> None:
    assert [hit.place.region for hit in REF.geo.country_regions(text)] == [region]


@pytest.mark.parametrize("field", ["country", "nationality"])
@pytest.mark.parametrize(
    "text", ["Crimea", "Sevastopol", "Sevastopol, Russia", "Donetsk People's Republic"]
)
def test_region_in_a_country_field_fires_jur_04(field: str, text: str) -> None:
    outcome = run({"parties": [{"id": "p", "role": "payee", "name": "Acme", field: text}]})
    assert "JUR-04" in {hit.rule_id for hit in outcome.hits}
    assert outcome.decision == "block"
