"""What a country alone says: reading country text, tiers, FATF calls, regions."""

from __future__ import annotations

from datetime import date

import pytest

from service.reference import load_all
from service.rules.geo import Geography
from service.screening import InvalidScreenRequest, jurisdiction_reasons, read_country
from service.screening.jurisdiction import parse_country
from service.settings import Settings

SETTINGS = Settings()


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_all(SETTINGS)[1].geo


TODAY = date(2026, 11, 27)
REGIMES = frozenset({"UN", "US", "EU", "UK"})


@pytest.mark.parametrize(
    ("text", "code", "region"),
    [
        ("KP", "KP", None),
        ("DPRK", "KP", None),
        ("Korea, North", "KP", None),
        ("조선", "KP", None),
        ("sg", "SG", None),
        ("Seoul, Korea", "KR", None),
        ("Crimea", "UA", "crimea"),
        ("Region: Crimea", "UA", "crimea"),
        ("Sevastopol", "UA", "sevastopol"),
        ("Sevastopol, Russia", "RU", "sevastopol"),
        ("Donetsk People's Republic", "UA", "dnr_lnr"),
        ("LNR", "UA", "dnr_lnr"),
    ],
)
def test_read_country(geo: Geography, text: str, code: str, region: str | None) -> None:
    reading = read_country(text, geo)
    assert reading is not None and reading.code == code
    assert (reading.regions[0][0] if reading.regions else None) == region


def test_unknown_country_reads_as_none_and_korea_as_ambiguous(geo: Geography) -> None:
    assert read_country("Narnia", geo) is None
    korea = read_country("Korea", geo)
    assert korea is not None and korea.code is None and set(korea.ambiguous) == {"KP", "KR"}


@pytest.mark.parametrize(
    ("text", "decisions"),
    [
        ("North Korea", ["block"]),
        ("Iran", ["block"]),
        ("Cuba", ["block"]),
        ("Crimea", ["block"]),
        ("Sevastopol", ["block"]),
        ("Sevastopol, Russia", ["block", "review"]),
        ("Syria", ["review"]),
        ("Russia", ["review"]),
        ("Korea", ["review"]),
        ("Republic of Korea", []),
        ("Seoul, Korea", []),
        ("Singapore", []),
        ("Ukraine", []),
    ],
)
def test_jurisdiction_decisions(geo: Geography, text: str, decisions: list[str]) -> None:
    reasons = jurisdiction_reasons(read_country(text, geo), geo, TODAY, REGIMES)
    assert [r["decision"] for r in reasons] == decisions
    assert all(r["message"] for r in reasons)


def test_syria_is_no_longer_comprehensively_sanctioned_but_was_before_july_2025(
    geo: Geography,
) -> None:
    (now,) = jurisdiction_reasons(read_country("SY", geo), geo, TODAY, REGIMES)
    assert now["decision"] == "review" and now["as_of"] == "2025-07-01"
    (then,) = jurisdiction_reasons(read_country("SY", geo), geo, date(2025, 6, 1), REGIMES)
    assert then["decision"] == "block" and then["as_of"] == "2025-06-30"


def test_cuba_is_a_us_program_only(geo: Geography) -> None:
    cuba = read_country("CU", geo)
    assert jurisdiction_reasons(cuba, geo, TODAY, frozenset({"EU", "UK"})) == ()


def test_an_unreadable_country_field_is_refused_with_its_name(geo: Geography) -> None:
    assert parse_country("  ", geo) is None
    with pytest.raises(InvalidScreenRequest) as err:
        parse_country("Narnia", geo, "identifiers.0.country")
    assert err.value.field == "identifiers.0.country"
