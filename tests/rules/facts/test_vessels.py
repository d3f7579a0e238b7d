"""Vessel facts: IMO check digit, MMSI MID, flag changes; flag, identity and voyage."""

from __future__ import annotations

from datetime import date

import pytest
from facts_fixtures import facts

from service.rules.facts.vessels import flag_changes, imo_digits, imo_valid, mmsi_mid


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


def test_identity_anomalies_name_the_mid_country_against_the_flag() -> None:
    vessel = {"name": "SEA BREEZE", "imo": "9074728", "mmsi": "445123456", "flag": "PA"}
    found = facts({"parties": [], "shipment": {"vessel": vessel}})
    notes = [item["note"] for item in found.evidence["identity_anomalies"]]
    assert notes[0] == "IMO check digit fails"
    assert notes[1].startswith("MID 445 is KP") and notes[1].endswith("flag is PA (Panama)")


def test_vessel_facts_are_missing_without_a_vessel() -> None:
    found = facts({"parties": [{"id": "b", "role": "buyer", "name": "B"}]})
    for name in ("identity_anomalies", "port_calls", "ais_gaps", "flag_risk", "vessel_age"):
        assert name in found.missing and name not in found.values


def test_port_calls_count_dprk_calls_within_the_window() -> None:
    calls = [{"port": "Nampo", "date": "2026-10-01"}, {"port": "Nampo", "date": "2020-01-01"}]
    found = facts({"parties": [], "shipment": {"vessel": {"name": "X", "port_calls": calls}}})
    assert found.values["port_calls"] == 2
    assert found.values["dprk_port_calls"] == 1
