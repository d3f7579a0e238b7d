"""OFAC XML parser: the real non-SDN consolidated.xml and our own sdn.xml fixture."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from service.sources import SourceError, parse_folder


@pytest.fixture(scope="module")
def cons_xml(shared_extra, tmp_path_factory):
    """The real consolidated.xml placed under its official name in an ofac_cons folder."""
    folder = tmp_path_factory.mktemp("ofac_cons")
    (folder / "consolidated.xml").symlink_to(shared_extra / "ofac_cons_consolidated.xml")
    return parse_folder("ofac_cons", folder)


@pytest.fixture(scope="module")
def sdn_xml(fixtures_dir):
    parsed = parse_folder("ofac_sdn", fixtures_dir / "ofac_sdn_xml")
    return parsed, {e.source_id: e for e in parsed.entities}


def test_consolidated_xml_counts(cons_xml):
    assert len(cons_xml.entities) == 442
    types = Counter(e.entity_type for e in cons_xml.entities)
    assert types == {"person": 79, "organization": 363}
    assert sum(len(e.aliases) for e in cons_xml.entities) == 1_144
    assert cons_xml.version == "2026-01-08"


def test_consolidated_xml_agrees_with_the_csv_set(cons_xml, real_list):
    csv_ids = {e.source_id for e in real_list("ofac_cons").entities}
    assert {e.source_id for e in cons_xml.entities} == csv_ids

    def weak(parsed):
        return {
            (e.source_id, a.name) for e in parsed.entities for a in e.aliases if a.quality == "weak"
        }

    # The CSV carries weak AKAs only inside remarks (some in the comments file); the XML
    # as structure. Both parsers must find exactly the same ones.
    assert len(weak(cons_xml)) == 72
    assert weak(cons_xml) == weak(real_list("ofac_cons"))


def test_consolidated_xml_identifiers(cons_xml):
    vtb = next(e for e in cons_xml.entities if e.source_id == "17013")
    assert ("bic", "VTBRRUMM") in [(i.type, i.value) for i in vtb.identifiers]
    assert ("registration_number", "1027739609391", "RU") in [
        (i.type, i.value, i.country) for i in vtb.identifiers
    ]
    assert vtb.programs == ("UKRAINE-EO13662", "RUSSIA-EO14024")


def test_sdn_fixture_version_and_types(sdn_xml):
    parsed, entities = sdn_xml
    assert parsed.version == "2024-03-15"
    assert [entities[i].entity_type for i in ("306", "90001", "90002", "90003")] == [
        "organization",
        "person",
        "vessel",
        "aircraft",
    ]


def test_sdn_fixture_alias_quality(sdn_xml):
    bnc = sdn_xml[1]["306"]
    assert [(a.name, a.quality) for a in bnc.aliases] == [
        ("NATIONAL BANK OF CUBA", "strong"),
        ("BNC", "weak"),
    ]
    assert bnc.addresses[0].country == "CH"
    assert bnc.addresses[0].postal_code == "CH-8022"


def test_sdn_fixture_person_details(sdn_xml):
    person = sdn_xml[1]["90001"]
    assert person.name == "SAMPLEV, Ivan Petrovich"
    assert person.dates_of_birth == ("1965-01-10", "1966")
    assert person.nationalities == ("RU", "CY")
    passport = next(i for i in person.identifiers if i.type == "passport")
    assert (passport.value, passport.country) == ("753951456", "RU")
    assert person.programs == ("RUSSIA-EO14024", "UKRAINE-EO13660")
    assert "Title: Director" in (person.remarks or "")


def test_sdn_fixture_vessel(sdn_xml):
    vessel = sdn_xml[1]["90002"]
    ids = {(i.type, i.value) for i in vessel.identifiers}
    assert {("imo", "8705279"), ("mmsi", "445999000"), ("call_sign", "HMYX")} <= ids
    assert vessel.countries == ("KP",)
    assert vessel.aliases[0].kind == "fka"
    assert "Owner: KOREA SAMPLE SHIPPING CO" in (vessel.remarks or "")


def test_xml_is_preferred_over_csv_when_both_exist(fixtures_dir, tmp_path):
    shutil.copy(fixtures_dir / "ofac_sdn_xml" / "sdn.xml", tmp_path / "sdn.xml")
    (tmp_path / "sdn.csv").write_bytes(
        b'1,"X",-0- ,"P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    )
    assert parse_folder("ofac_sdn", tmp_path).version == "2024-03-15"


def test_truncated_xml_is_rejected(fixtures_dir, tmp_path):
    text = (fixtures_dir / "ofac_sdn_xml" / "sdn.xml").read_bytes()
    (tmp_path / "sdn.xml").write_bytes(text[: len(text) // 2])
    with pytest.raises(SourceError, match="malformed XML"):
        parse_folder("ofac_sdn", tmp_path)


def test_wrong_root_is_rejected(tmp_path):
    (tmp_path / "sdn.xml").write_text("<CONSOLIDATED_LIST/>")
    with pytest.raises(SourceError, match="sdnList"):
        parse_folder("ofac_sdn", tmp_path)


def _one_entry(publish: str) -> str:
    entry = "<sdnEntry><uid>1</uid><lastName>ACME</lastName></sdnEntry>"
    return f"<sdnList>{publish}{entry}</sdnList>"


def test_missing_publish_date_falls_back_to_content_hash(tmp_path):
    (tmp_path / "sdn.xml").write_text(_one_entry(""))
    assert parse_folder("ofac_sdn", tmp_path).version.startswith("sha256:")


def test_malformed_publish_date_is_rejected(tmp_path):
    date = "<publshInformation><Publish_Date>2024-03-15</Publish_Date></publshInformation>"
    (tmp_path / "sdn.xml").write_text(_one_entry(date))
    with pytest.raises(SourceError, match="Publish_Date"):
        parse_folder("ofac_sdn", tmp_path)


def test_entry_without_name_is_rejected(tmp_path):
    (tmp_path / "sdn.xml").write_text("<sdnList><sdnEntry><uid>1</uid></sdnEntry></sdnList>")
    with pytest.raises(SourceError, match="without uid or lastName"):
        parse_folder("ofac_sdn", tmp_path)
