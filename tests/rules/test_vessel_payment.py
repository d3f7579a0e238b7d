"""IMO check digit, MMSI MID, flag changes, BIC country."""

from __future__ import annotations

from datetime import date

import pytest

from service.rules.payment import bic_country
from service.rules.vessel import flag_changes, imo_digits, imo_valid, mmsi_mid


@pytest.mark.parametrize("imo", ["9074729", "IMO 9074729", "8705539", "imo8660313"])
def test_valid_imo(imo: str) -> None:
    assert imo_valid(imo)


@pytest.mark.parametrize("imo", ["9074728", "907472", "ABCDEFG", None, "90747299"])
def test_invalid_imo(imo: object) -> None:
    assert not imo_valid(imo)


def test_imo_digits() -> None:
    assert imo_digits("IMO 8705539") == "8705539"
    assert imo_digits("IMO-8705539") is None


def test_mmsi_mid() -> None:
    assert mmsi_mid("445123456") == "445"
    assert mmsi_mid("538 001 234") == "538"
    assert mmsi_mid("12345") is None
    assert mmsi_mid("002111234") is None  # coast station, not a ship


def test_flag_changes_window() -> None:
    history = [
        {"flag": "MH", "from": "2015-01-01"},
        {"flag": "SL", "from": "2026-03-01"},
        {"flag": "KM", "from": "2026-08-01"},
    ]
    assert flag_changes(history, date(2026, 11, 27), 365) == ["SL", "KM"]
    assert flag_changes([{"flag": "X", "from": "not a date"}], date(2026, 11, 27), 365) == []


@pytest.mark.parametrize(
    ("bic", "country"),
    [
        ("DEUTDEFF", "DE"),
        ("FTBDKPPY", "KP"),
        ("hsbchkhhxxx", "HK"),
        ("xxxxKRxx", "KR"),
        ("BAD", None),
        (None, None),
    ],
)
def test_bic_country(bic: object, country: str | None) -> None:
    assert bic_country(bic) == country
