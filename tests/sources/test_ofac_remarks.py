"""Facts parsed out of OFAC remarks phrases (forms measured on the real SDN file)."""

from __future__ import annotations

import pytest

from service.core.model import Alias, Identifier
from service.sources.ofac_remarks import parse_dob, parse_phrases, parse_remarks


@pytest.mark.parametrize(
    ("remarks", "dobs"),
    [
        ("DOB 10 Jan 1950", ["1950-01-10"]),
        ("DOB 1 Feb 1950.", ["1950-02-01"]),
        ("DOB 1950", ["1950"]),
        ("DOB Dec 1950", ["1950-12"]),
        ("DOB circa 1962", ["1962"]),
        ("DOB 1958 to 1960", ["1958", "1959", "1960"]),
        ("DOB 01 Jan 1960 to 31 Dec 1961", ["1960", "1961"]),
        ("DOB 1900 to 1990", ["1900", "1990"]),
        ("DOB 1950; alt. DOB 1951; alt. DOB 1950", ["1950", "1951"]),
        ("DOB unknown", []),
    ],
)
def test_dates_of_birth(remarks, dobs):
    assert parse_remarks(remarks).dates_of_birth == dobs


def test_parse_dob_for_xml_values():
    assert parse_dob("circa 1966") == ["1966"]
    assert parse_dob("10 Jan 1965") == ["1965-01-10"]
    assert parse_dob("sometime") == []


def test_nationality_citizenship_and_registration_country():
    facts = parse_remarks(
        "nationality Korea, North; alt. citizen Cyprus; Nationality of Registration Russia"
    )
    assert facts.nationalities == ["KP", "CY"]
    assert facts.countries == ["RU"]


def test_weak_aliases_keep_inner_apostrophes():
    facts = parse_remarks("a.k.a. 'ABU-'UMAR'; f.k.a. 'SAND SWAN'; n.k.a. 'NEW NAME'.")
    assert facts.weak_aliases == [
        Alias("ABU-'UMAR", "weak", "aka"),
        Alias("SAND SWAN", "weak", "fka"),
        Alias("NEW NAME", "weak", "nka"),
    ]


def test_documents_with_country_and_issue_notes():
    facts = parse_remarks(
        "Passport A1234567 (Iran) issued 10 Jan 2005 expires 09 Jan 2010; "
        "National ID No. 001-123 (Egypt); Cedula No. 5892464 (Venezuela); Passport 123 (Atlantis)"
    )
    assert facts.identifiers == [
        Identifier("passport", "A1234567", "IR", "issued 10 Jan 2005 expires 09 Jan 2010"),
        Identifier("national_id", "001-123", "EG"),
        Identifier("national_id", "5892464", "VE"),
        Identifier("passport", "123", None, "Atlantis"),
    ]


def test_vessel_and_bank_identifiers():
    facts = parse_remarks(
        "Vessel Registration Identification IMO 8705539; MMSI 445112000; SWIFT/BIC FTBDKPPY; "
        "Identification Number IMO 5123456; Registration Number 1027739609391 (Russia)"
    )
    assert [(i.type, i.value) for i in facts.identifiers] == [
        ("imo", "8705539"),
        ("mmsi", "445112000"),
        ("bic", "FTBDKPPY"),
        ("imo_company", "5123456"),
        ("registration_number", "1027739609391"),
    ]
    assert facts.countries == ["RU"]


def test_crypto_wallets_note_the_currency():
    [wallet] = parse_remarks("Digital Currency Address - XBT 1AbC123").identifiers
    assert (wallet.type, wallet.value, wallet.note) == (
        "crypto_wallet",
        "1AbC123",
        "Digital Currency Address - XBT",
    )


def test_gender_and_unrecognised_phrases():
    facts = parse_remarks("Gender Female; POB Tehran, Iran; Linked To: SOMETHING.")
    assert facts.gender == "female"
    assert (facts.identifiers, facts.dates_of_birth, facts.nationalities) == ([], [], [])


def test_xml_id_phrases():
    facts = parse_phrases(["Vessel Registration Identification IMO 9116412", "Gender Male"])
    assert facts.identifiers == [Identifier("imo", "9116412")]
    assert facts.gender == "male"


def test_empty_remarks():
    assert parse_remarks(None).identifiers == []
    assert parse_remarks("").weak_aliases == []
