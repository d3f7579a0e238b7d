"""FCDO UK Sanctions List parser: the derived real-scale XML, our own XML and CSV
fixtures for the format's corners, and malformed input."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from service.sources import SourceError, parse_folder

DERIVED = "uk_sl_derived/UK-Sanctions-List.xml"


@pytest.fixture(scope="module")
def derived(shared_extra):
    return parse_folder("uk_sl", shared_extra / "uk_sl_derived")


@pytest.fixture(scope="module")
def derived_xml(shared_extra):
    return ET.parse(shared_extra / DERIVED).getroot()


@pytest.fixture(scope="module")
def fixture_xml(fixtures_dir):
    return {e.source_id: e for e in parse_folder("uk_sl", fixtures_dir / "uk_sl" / "xml").entities}


def test_every_designation_in_the_file_is_an_entity(derived, derived_xml):
    designations = derived_xml.findall("Designation")
    assert len(derived.entities) == len(designations) == 4_688
    published = Counter(d.findtext("IndividualEntityShip") for d in designations)
    types = Counter(e.entity_type for e in derived.entities)
    assert types == {
        "person": published["Individual"],
        "organization": published["Entity"],
        "vessel": published["Ship"],
    }
    assert derived.version == "2025-04-14"


def test_un_references_and_weak_aliases_match_the_file(derived, derived_xml):
    un_refs = [d for d in derived_xml.iter("UNReferenceNumber") if (d.text or "").strip()]
    assert sum(any(i.type == "un_ref" for i in e.identifiers) for e in derived.entities) == len(
        un_refs
    )
    low = sum("low" in (s.text or "").lower() for s in derived_xml.iter("AliasStrength"))
    weak = [a for e in derived.entities for a in e.aliases if a.quality == "weak"]
    assert len(weak) == low == 617


def test_same_targets_as_the_ofsi_conlist(derived, real_list):
    """The derived file rewrites the ConList: every OFSI group comes back once."""
    groups = {i.value for e in derived.entities for i in e.identifiers if i.type == "ofsi_group_id"}
    assert groups == {e.source_id for e in real_list("uk_ofsi").entities}


def test_un_references_link_to_the_un_list(derived, real_list):
    refs = {i.value for e in derived.entities for i in e.identifiers if i.type == "un_ref"}
    un_ids = {e.source_id for e in real_list("un").entities}
    assert len(refs) > 800
    assert len(refs - un_ids) <= 5  # a few UK entries still cite UN refs since delisted


def test_real_file_facts_reach_the_model(derived):
    by_id = {e.source_id: e for e in derived.entities}
    ship = by_id["DPR0100"]
    assert ship.entity_type == "vessel"
    assert ("imo", "7408873") in [(i.type, i.value) for i in ship.identifiers]
    assert ship.countries == ("KP",)
    assert all(
        any(i.type == "imo" for i in e.identifiers)
        for e in derived.entities
        if e.entity_type == "vessel"
    )
    assert Counter(e.gender for e in derived.entities)["female"] > 300
    assert all(e.sanctions for e in derived.entities)
    scripts = [a for e in derived.entities for a in e.aliases if a.kind == "original_script"]
    assert len(scripts) > 3_000 and sum(a.script == "Cyrillic" for a in scripts) > 1_000


def test_text_after_a_unique_id_is_kept_in_the_remarks(derived):
    zadachin = next(e for e in derived.entities if e.source_id == "RUS1831")
    assert "Trust services" in (zadachin.remarks or "")


def test_person_with_every_detail(fixture_xml):
    person = fixture_xml["RUS9001"]
    assert person.name == "Pavel Igorevich KORMILTSEV"
    assert [(a.name, a.quality, a.kind) for a in person.aliases[:3]] == [
        ("Pavel KORMILCEV", "strong", "variation"),
        ("THE ACCOUNTANT", "weak", "aka"),
        ("Pasha KORM", "strong", "aka"),
    ]
    original = person.aliases[3]
    assert (original.kind, original.script, original.language) == (
        "original_script",
        "Cyrillic",
        "Russian",
    )
    assert person.dates_of_birth == ("1971-05", "1972", "1970-11-14")
    assert person.nationalities == ("RU", "CY")
    assert (person.gender, person.places_of_birth, person.listed_on) == (
        "male",
        ("Perm, Russia",),
        "2022-03-15",
    )
    assert person.sanctions == ("Asset freeze", "Travel Ban", "Director Disqualification Sanction")
    ids = {(i.type, i.value, i.note) for i in person.identifiers}
    assert ("passport", "750000001", "Russian foreign travel passport") in ids
    assert ("passport", "750000002", "CY") in {
        (i.type, i.value, i.country) for i in person.identifiers
    }
    assert ("national_id", "770000000001", "Russian tax number (INN)") in ids
    [address] = person.addresses
    assert address.lines == ("Flat 4", "12 Sadovaya Street", "Tverskoy District", "Moscow Oblast")
    assert (address.city, address.postal_code, address.country) == ("Moscow", "125009", "RU")
    assert person.reasons == "Made-up reasons for a made-up designation."


def test_entity_with_registration_and_relations(fixture_xml):
    company = fixture_xml["RUS9002"]
    assert company.entity_type == "organization"
    assert ("registration_number", "1027700000017") in [
        (i.type, i.value) for i in company.identifiers
    ]
    assert company.countries == ("RU", "AE")
    assert "Parent company: Severny Holding JSC" in (company.remarks or "")
    flat = company.aliases[-1]  # NonLatinNames without the NonLatinName wrapper
    assert (flat.kind, flat.script, flat.language) == ("original_script", "Cyrillic", None)


def test_ship_with_imo_flag_and_owners(fixture_xml):
    ship = fixture_xml["RUS9003"]
    assert ship.entity_type == "vessel"
    assert [(i.type, i.value) for i in ship.identifiers] == [("imo", "9000001")]
    assert ship.countries == ("GA",)
    assert "Current owner/operator: Volnaya Marine Ltd" in (ship.remarks or "")
    assert "Previous flag: Panama" in (ship.remarks or "")


def test_empty_and_missing_elements(fixture_xml):
    sparse = fixture_xml["AQD9004"]
    assert sparse.entity_type == "person"  # no type given; its individual details say so
    assert sparse.name == "ABU HAMZA AL-FARISI"
    assert [a.kind for a in sparse.aliases] == ["original_script"]
    assert sparse.dates_of_birth == ("1968",)  # 00/00/0000 is no date
    assert sparse.addresses == () and sparse.nationalities == () and sparse.gender is None
    assert sparse.sanctions == () and sparse.listed_on is None
    assert [(i.type, i.value) for i in sparse.identifiers] == [("un_ref", "QDi.901")]


def test_csv_variant_gives_the_same_entities(fixtures_dir, fixture_xml):
    parsed = parse_folder("uk_sl", fixtures_dir / "uk_sl" / "csv")
    assert parsed.version == "2026-01-28"
    assert {e.source_id: e for e in parsed.entities} == fixture_xml


def test_xml_wins_over_csv_in_one_folder(fixtures_dir, tmp_path):
    for variant in ("xml", "csv"):
        for path in (fixtures_dir / "uk_sl" / variant).iterdir():
            shutil.copy(path, tmp_path / path.name)
    assert parse_folder("uk_sl", tmp_path).files == (tmp_path / "UK-Sanctions-List.xml",)


def _xml(tmp_path, body: str, generated: str = "<DateGenerated>01/02/2026</DateGenerated>"):
    (tmp_path / "UK-Sanctions-List.xml").write_text(
        f"<Designations>{generated}{body}</Designations>", encoding="utf-8"
    )
    return tmp_path


NAMED = "<Names><Name><Name6>ACME</Name6><NameType>Primary Name</NameType></Name></Names>"


def test_missing_date_generated_is_rejected(tmp_path):
    body = f"<Designation><UniqueID>X0001</UniqueID>{NAMED}</Designation>"
    with pytest.raises(SourceError, match="DateGenerated"):
        parse_folder("uk_sl", _xml(tmp_path, body, generated=""))


def test_designation_without_a_name_is_rejected(tmp_path):
    with pytest.raises(SourceError, match="RUS0001 has no name"):
        parse_folder(
            "uk_sl", _xml(tmp_path, "<Designation><UniqueID>RUS0001</UniqueID></Designation>")
        )


def test_designation_without_a_unique_id_is_rejected(tmp_path):
    with pytest.raises(SourceError, match="without a Unique ID"):
        parse_folder("uk_sl", _xml(tmp_path, f"<Designation>{NAMED}</Designation>"))


def test_unknown_designation_type_is_rejected(tmp_path):
    body = (
        f"<Designation><UniqueID>X0001</UniqueID>{NAMED}"
        "<IndividualEntityShip>Aircraft carrier</IndividualEntityShip></Designation>"
    )
    with pytest.raises(SourceError, match="type 'Aircraft carrier'"):
        parse_folder("uk_sl", _xml(tmp_path, body))


def test_another_lists_xml_is_rejected(tmp_path):
    (tmp_path / "UK-Sanctions-List.xml").write_text("<CONSOLIDATED_LIST/>")
    with pytest.raises(SourceError, match="expected <Designations>"):
        parse_folder("uk_sl", tmp_path)


def test_csv_without_a_header_is_rejected(tmp_path):
    (tmp_path / "UK-Sanctions-List.csv").write_text("Report Date: 01/02/2026\r\nName,Regime\r\n")
    with pytest.raises(SourceError, match="no header row"):
        parse_folder("uk_sl", tmp_path)


def test_csv_without_a_report_date_is_versioned_by_content(tmp_path):
    (tmp_path / "UK-Sanctions-List.csv").write_text(
        "Unique ID,Name 6,Name type,Designation Type\r\nX0001,ACME,Primary Name,Entity\r\n"
    )
    parsed = parse_folder("uk_sl", tmp_path)
    assert parsed.version.startswith("sha256:")
    assert [(e.source_id, e.name, e.entity_type) for e in parsed.entities] == [
        ("X0001", "ACME", "organization")
    ]
