"""UK OFSI ConList parser: the real CSV and XLSX, plus malformed input."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from service.sources import SourceError, parse_folder

HEADER = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"
    "Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,"
    "Passport Details,National Identification Number,National Identification Details,Position,"
    "Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,"
    "Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,"
    "UK Sanctions List Date Designated,Last Updated,Group ID"
)


@pytest.fixture(scope="module")
def uk(real_list):
    return real_list("uk_ofsi")


@pytest.fixture(scope="module")
def uk_by_group(uk):
    return {e.source_id: e for e in uk.entities}


def test_counts_match_the_lists_readme(uk):
    assert len(uk.entities) == 4_688
    types = Counter(e.entity_type for e in uk.entities)
    assert types == {"person": 3_663, "organization": 1_010, "vessel": 15}
    assert len({p for e in uk.entities for p in e.programs}) == 31
    assert uk.version == "2025-04-14"


def test_every_distinct_name_row_is_a_name(uk, shared_lists):
    with open(shared_lists / "uk_ofsi" / "ConList.csv", encoding="utf-8", newline="") as f:
        assert sum(1 for _ in csv.reader(f)) - 2 == 18_798
    names = sum(
        len({a.name for a in e.all_names() if a.kind != "original_script"}) for e in uk.entities
    )
    assert 4_688 < names < 18_798  # rows repeat names across DOB x address combinations


def test_person_with_name_variations(uk_by_group):
    haq = uk_by_group["15672"]
    assert haq.name == "Mian Abdul HAQ"
    assert {a.name for a in haq.aliases if a.kind == "variation"} >= {"Mian MITHOO", "Mian MITHU"}
    assert haq.nationalities == ("PK",)
    assert haq.programs == ("Global Human Rights",)
    assert ("uk_sanctions_list_ref", "GHR0086") in [(i.type, i.value) for i in haq.identifiers]


def test_ship_has_imo_and_flag(uk_by_group):
    ship = uk_by_group["13651"]
    assert ship.entity_type == "vessel"
    assert ("imo", "7408873") in [(i.type, i.value) for i in ship.identifiers]
    assert ship.countries == ("KP",)


def test_every_ship_has_an_imo(uk):
    ships = [e for e in uk.entities if e.entity_type == "vessel"]
    assert all(any(i.type == "imo" for i in s.identifiers) for s in ships)


def test_un_references_link_to_the_un_list(uk, real_list):
    refs = {i.value for e in uk.entities for i in e.identifiers if i.type == "un_ref"}
    un_ids = {e.source_id for e in real_list("un").entities}
    assert len(refs) > 800
    assert len(refs - un_ids) <= 5  # a few UK entries still cite UN refs since delisted


def test_dates_of_birth_with_unknown_parts(uk):
    dobs = [d for e in uk.entities for d in e.dates_of_birth]
    assert dobs
    assert not any("-00" in d for d in dobs)
    assert all(len(d) in (4, 7, 10) for d in dobs)


def test_non_latin_names_are_original_script_aliases(uk):
    scripts = [a for e in uk.entities for a in e.aliases if a.kind == "original_script"]
    assert len(scripts) > 3_000
    assert all(not a.name.isascii() for a in scripts[:100])


def test_xlsx_gives_the_same_entities_as_the_csv(uk, shared_extra, tmp_path):
    (tmp_path / "ConList.xlsx").symlink_to(shared_extra / "uk_ofsi_ConList.xlsx")
    from_xlsx = parse_folder("uk_ofsi", tmp_path)
    assert from_xlsx.version == uk.version
    assert from_xlsx.entities == uk.entities


def _write(tmp_path, *lines: str):
    (tmp_path / "ConList.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return tmp_path


def _row(**cells: str) -> str:
    columns = HEADER.split(",")
    return ",".join(cells.get(c.replace(" ", "_").replace("/", "_"), "") for c in columns)


def test_small_file(tmp_path):
    # OFSI repeats the group's cells on every name row of the group.
    group = {"DOB": "00/05/1970", "Group_Type": "Individual", "Regime": "Russia", "Group_ID": "1"}
    row = _row(Name_6="DOE", Name_1="John", Alias_Type="Primary name", **group)
    alias = _row(Name_6="DOH", Name_1="Jon", Alias_Type="AKA", Alias_Quality="Low quality", **group)
    parsed = parse_folder(
        "uk_ofsi", _write(tmp_path, "Last Updated,01/02/2025", HEADER, row, alias)
    )
    [entity] = parsed.entities
    assert (entity.name, entity.dates_of_birth, parsed.version) == (
        "John DOE",
        ("1970-05",),
        "2025-02-01",
    )
    assert [(a.name, a.quality) for a in entity.aliases] == [("Jon DOH", "weak")]


def test_missing_last_updated_line_is_rejected(tmp_path):
    with pytest.raises(SourceError, match="Last Updated"):
        parse_folder("uk_ofsi", _write(tmp_path, HEADER))


def test_missing_columns_are_rejected(tmp_path):
    with pytest.raises(SourceError, match="Group ID"):
        parse_folder("uk_ofsi", _write(tmp_path, "Last Updated,01/02/2025", "Name 6,Regime"))


def test_html_page_saved_as_xlsx_is_rejected(tmp_path):
    (tmp_path / "ConList.xlsx").write_text("<html><body>Not found</body></html>")
    with pytest.raises(SourceError, match="HTML"):
        parse_folder("uk_ofsi", tmp_path)


def test_corrupt_xlsx_is_rejected(tmp_path):
    (tmp_path / "ConList.xlsx").write_bytes(b"PK\x03\x04 truncated zip")
    with pytest.raises(SourceError, match="XLSX"):
        parse_folder("uk_ofsi", tmp_path)
