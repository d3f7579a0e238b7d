"""EU FSF XML parser on our own fixture written from the publisher's schema."""

from __future__ import annotations

import shutil

import pytest

from service.sources import SourceError, parse_folder


@pytest.fixture(scope="module")
def eu(fixtures_dir):
    return parse_folder("eu", fixtures_dir / "eu")


@pytest.fixture(scope="module")
def eu_by_id(eu):
    return {e.source_id: e for e in eu.entities}


def test_version_and_types(eu):
    assert eu.version == "2026-01-15"
    assert [(e.source_id, e.entity_type) for e in eu.entities] == [
        ("118520", "person"),
        ("6781", "organization"),
        ("2287", "organization"),
        ("4301", "person"),
        ("150512", "person"),
    ]


def test_names_and_alias_quality(eu_by_id):
    assad = eu_by_id["118520"]
    assert assad.name == "Bashar Al-Assad"
    assert [(a.name, a.quality) for a in assad.aliases] == [
        ("بشار الأسد", "strong"),
        ("Bachar El-Assad", "strong"),
        ("Abu Hafez", "weak"),
    ]


def test_person_details(eu_by_id):
    assad = eu_by_id["118520"]
    assert assad.nationalities == ("SY",)
    assert assad.dates_of_birth == ("1965-09-11",)
    [passport] = [i for i in assad.identifiers if i.type == "passport"]
    assert (passport.value, passport.country) == ("D1903", "SY")
    assert "diplomatic" in (passport.note or "")
    assert assad.programs == ("SYR",)
    assert "President of the Republic" in (assad.remarks or "")


def test_unknown_country_code_falls_back_to_the_description(eu_by_id):
    assert eu_by_id["4301"].nationalities == ("KP",)


def test_year_and_year_range_birthdates(eu_by_id):
    assert eu_by_id["150512"].dates_of_birth == ("1966", "1960", "1961", "1962")
    assert eu_by_id["150512"].programs == ("UKR", "RUS")


def test_enterprise_addresses_and_bic(eu_by_id):
    bank = eu_by_id["6781"]
    assert bank.countries == ("IR", "DE")
    assert bank.addresses[0].city == "Tehran"
    assert "PO Box 11365-171" in bank.addresses[0].lines
    assert ("bic", "BMJIIRTH") in [(i.type, i.value) for i in bank.identifiers]


def test_reference_numbers_become_identifiers(eu_by_id):
    ids = {(i.type, i.value) for i in eu_by_id["2287"].identifiers}
    assert {("un_ref", "KPe.001"), ("eu_reference_number", "EU.2286.74")} <= ids


def test_any_xml_name_is_accepted_and_newest_wins(fixtures_dir, tmp_path):
    source = fixtures_dir / "eu" / "20260115-FULL-1_1.xml"
    shutil.copy(source, tmp_path / "content.xml")
    old = source.read_text(encoding="utf-8").replace(
        'generationDate="2026-01-15', 'generationDate="2025-01-01'
    )
    (tmp_path / "20250101-FULL-1_1.xml").write_text(old, encoding="utf-8")
    assert parse_folder("eu", tmp_path).version == "2026-01-15"  # "content.xml" sorts last


def test_truncated_export_is_rejected(fixtures_dir, tmp_path):
    data = (fixtures_dir / "eu" / "20260115-FULL-1_1.xml").read_bytes()
    (tmp_path / "export.xml").write_bytes(data[:-200])
    with pytest.raises(SourceError, match="malformed XML"):
        parse_folder("eu", tmp_path)


def _write_export(folder, subject_type: str, name_alias: str):
    """A namespaced EU export of one entity, as the real file is, into ``folder``."""
    body = (
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01">'
        f'<sanctionEntity logicalId="1"><subjectType code="{subject_type}"/>'
        f"<nameAlias {name_alias}/></sanctionEntity></export>"
    )
    (folder / "export.xml").write_text(body)
    return folder


def test_unknown_subject_type_is_rejected(tmp_path):
    _write_export(tmp_path, "vessel", 'wholeName="X" strong="true"')
    with pytest.raises(SourceError, match="subjectType"):
        parse_folder("eu", tmp_path)


def test_other_xml_is_rejected(tmp_path):
    (tmp_path / "export.xml").write_text("<sdnList/>")
    with pytest.raises(SourceError, match="export"):
        parse_folder("eu", tmp_path)


def test_name_parts_stand_in_for_a_missing_whole_name(tmp_path):
    alias = 'firstName="Ivan" middleName="" lastName="SAMPLEV" wholeName="" strong="true"'
    _write_export(tmp_path, "person", alias)
    assert parse_folder("eu", tmp_path).entities[0].name == "Ivan SAMPLEV"


# --- our realistic fixture covering every element of the format guide ------------------


@pytest.fixture(scope="module")
def full(fixtures_dir):
    parsed = parse_folder("eu", fixtures_dir / "eu_full")
    assert parsed.version == "2026-02-01"
    return {e.source_id: e for e in parsed.entities}


def test_aliases_carry_language_script_and_strength(full):
    person = full["990001"]
    assert person.name == "Yelena Viktorovna OSTROVSKAYA"
    assert [(a.name, a.quality, a.kind, a.script, a.language) for a in person.aliases] == [
        ("Елена Викторовна ОСТРОВСКАЯ", "strong", "original_script", "Cyrillic", "RU"),
        ("Elena OSTROVSKAIA", "strong", "aka", None, "FR"),
        ("Lena", "weak", "aka", None, None),
    ]
    assert full["990300"].aliases[0].script == "Arabic"


def test_function_title_gender_and_regulations(full):
    person = full["990001"]
    assert person.gender == "female" and full["990300"].gender == "male"
    remarks = person.remarks or ""
    assert "Title: Dr" in remarks
    assert "Function: Chair of the board of Severo-Zapadny Energotrade" in remarks
    assert "Designation: Leading businessperson" in remarks
    assert "Regulation: 2022/581 (OJ L110) of 2022-04-08, https://eur-lex" in remarks
    assert "Registered office." in remarks  # an address's remark
    assert person.programs == ("UKR",)
    assert full["990100"].programs == ("UKR", "RUS")


def test_birth_dates_circa_ranges_partial_and_other_calendars(full):
    assert full["990001"].dates_of_birth == ("1969-02-03", "1970")  # circa keeps the year
    # month and year; a year range; an Islamic-calendar day and month is no date
    assert full["990300"].dates_of_birth == ("1975-03", "1973", "1974")
    assert full["990001"].places_of_birth == ("Murmansk, Murmansk Oblast, RUSSIAN FEDERATION",)
    assert full["990300"].places_of_birth == ("Mosul, IRAQ",)


def test_citizenship_with_unknown_code_uses_the_description(full):
    assert full["990001"].nationalities == ("RU", "MT")


def test_identifications_of_every_kind(full):
    person = {i.type: i for i in full["990001"].identifiers}
    passport = person["passport"]
    assert (passport.value, passport.country) == ("720000001", "RU")
    for fact in ("issued by Ministry of Internal Affairs", "2012-01-10 to 2022-01-10"):
        assert fact in (passport.note or "")
    assert "Foreign travel passport." in (passport.note or "")
    assert "knownExpired" in (passport.note or "")
    assert person["national_id"].value == "4500 123456"  # only a latinNumber given
    bank = {(i.type, i.value, i.country) for i in full["990100"].identifiers}
    assert {
        ("bic", "SZETRU2PXXX", "RU"),
        ("registration_number", "1027800000011", "RU"),
        ("tax_id", "7800000001", "RU"),
        ("eu_reference_number", "EU.9102.22", None),
    } <= bank
    assert ("imo", "9000002") in [(i.type, i.value) for i in full["990200"].identifiers]
    assert ("un_ref", "QDi.902") in [(i.type, i.value) for i in full["990300"].identifiers]


def test_addresses_with_every_part(full):
    [office] = full["990001"].addresses
    assert office.lines == ("Nevsky Prospekt 100, office 12", "Tsentralny District")
    assert (office.city, office.region, office.postal_code, office.country) == (
        "Saint Petersburg",
        "Leningrad Oblast",
        "191025",
        "RU",
    )
    assert full["990100"].addresses[1].lines == ("PO Box 50123",)
    assert full["990100"].countries == ("RU", "CY")


def test_designation_date_or_first_regulation_is_the_listing_date(full):
    assert full["990001"].listed_on == "2022-04-08"
    assert full["990200"].listed_on == "2025-05-20"  # designationDate empty
    assert full["990300"].listed_on == "2011-09-01"  # no designationDate attribute


def test_an_entity_of_empty_attributes_is_just_its_name(full):
    sparse = full["990400"]
    assert (sparse.name, sparse.entity_type, sparse.aliases) == (
        "Sparse Trading FZE",
        "organization",
        (),
    )
    assert sparse.identifiers == sparse.addresses == sparse.dates_of_birth == ()
    assert (sparse.programs, sparse.remarks, sparse.listed_on) == ((), None, None)
