"""OFAC legacy CSV parser on the real SDN and non-SDN files, plus malformed input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from service.sources import SourceError, parse_folder
from service.sources.ofac_csv import parse


@pytest.fixture
def sdn(real_list):
    return real_list("ofac_sdn")


@pytest.fixture
def sdn_by_id(sdn):
    return {e.source_id: e for e in sdn.entities}


def test_sdn_counts_match_the_lists_readme(sdn):
    parsed = sdn
    types = Counter(e.entity_type for e in parsed.entities)
    assert len(parsed.entities) == 13_821
    assert types == {"person": 6_646, "vessel": 764, "aircraft": 378, "organization": 6_033}
    strong = [a for e in parsed.entities for a in e.aliases if a.quality == "strong"]
    assert len(strong) == 17_091
    assert Counter(a.kind for a in strong) == {"aka": 16_507, "fka": 567, "nka": 17}
    # add.csv has 18,990 rows; 2,652 of them are placeholders with every field `-0-`.
    assert sum(len(e.addresses) for e in parsed.entities) == 18_990 - 2_652


def test_sdn_source_ids_are_unique_ent_nums(sdn):
    ids = [e.source_id for e in sdn.entities]
    assert len(set(ids)) == len(ids)
    assert max(int(i) for i in ids) == 47_089


def test_banco_nacional_de_cuba(sdn_by_id):
    bnc = sdn_by_id["306"]
    assert bnc.name == "BANCO NACIONAL DE CUBA"
    assert bnc.entity_type == "organization"
    assert bnc.programs == ("CUBA",)
    assert ("NATIONAL BANK OF CUBA", "strong") in [(a.name, a.quality) for a in bnc.aliases]
    assert ("BNC", "weak") in [(a.name, a.quality) for a in bnc.aliases]
    assert "CH" in bnc.countries


def test_vessel_imo_flag_and_former_names_from_remarks(sdn_by_id):
    ebano = sdn_by_id["4243"]
    assert ebano.entity_type == "vessel"
    assert ("imo", "7406784") in [(i.type, i.value) for i in ebano.identifiers]
    assert ebano.countries == ("PA",)
    assert {a.name for a in ebano.aliases if a.quality == "weak"} == {"ANA I", "SAND SWAN"}


def test_every_vessel_registration_imo_is_seven_digits(sdn):
    imos = [i.value for e in sdn.entities for i in e.identifiers if i.type == "imo"]
    assert len(imos) == 766
    assert all(len(v) == 7 and v.isdigit() for v in imos)


def test_dates_of_birth_and_nationality_from_remarks(sdn_by_id):
    entities = sdn_by_id
    assert entities["2679"].dates_of_birth == ("1938", "1936")
    persons_with_dob = [e for e in entities.values() if e.dates_of_birth]
    assert len(persons_with_dob) > 6_000
    full_dates = [d for e in persons_with_dob for d in e.dates_of_birth if len(d) == 10]
    assert all(d[4] == "-" and d[7] == "-" for d in full_dates)
    with_nationality = [e for e in entities.values() if "IR" in e.nationalities]
    assert len(with_nationality) > 300


def test_programs_are_split(sdn):
    programs = Counter(p for e in sdn.entities for p in e.programs)
    assert programs["SDGT"] > 1_634
    assert not any("]" in p or "[" in p for p in programs)


def test_remarks_continued_in_comments_file(sdn_by_id):
    entities = sdn_by_id
    continued = [e for e in entities.values() if e.remarks and "HACKING TEAM" in e.remarks]
    assert continued
    assert "12300" not in entities  # an orphan comment row creates no entity


def test_weak_alias_only_in_the_comments_continuation(real_list):
    rusag = next(e for e in real_list("ofac_cons").entities if e.source_id == "17014")
    assert ("RUSAG", "weak") in [(a.name, a.quality) for a in rusag.aliases]
    assert ("registration_number", "1027700342890", "RU") in [
        (i.type, i.value, i.country) for i in rusag.identifiers
    ]


def test_cons_counts_match_the_lists_readme(real_list):
    parsed = real_list("ofac_cons")
    assert len(parsed.entities) == 442
    types = Counter(e.entity_type for e in parsed.entities)
    assert types == {"person": 79, "organization": 363}
    assert sum(1 for e in parsed.entities for a in e.aliases if a.quality == "strong") == 1_073
    assert parsed.version.startswith("sha256:")


def _write_sdn(folder: Path, body: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sdn.csv").write_bytes(body)
    return folder


def test_minimal_set_without_optional_files(tmp_path):
    row = b'1,"DOE, John",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1950."\r\n\x1a'
    parsed = parse("ofac_sdn", _write_sdn(tmp_path, row))
    assert parsed.entities[0].dates_of_birth == ("1950",)
    assert parsed.entities[0].entity_type == "person"


def test_html_page_saved_as_sdn_csv_is_rejected(tmp_path):
    page = b"<!DOCTYPE html><html><body>Service unavailable</body></html>"
    with pytest.raises(SourceError, match="HTML"):
        parse_folder("ofac_sdn", _write_sdn(tmp_path, page))


def test_wrong_column_count_is_rejected(tmp_path):
    with pytest.raises(SourceError, match="columns"):
        parse_folder("ofac_sdn", _write_sdn(tmp_path, b"1,ONLY,THREE\r\n"))


def test_non_numeric_ent_num_is_rejected(tmp_path):
    row = b'x,"N",-0- ,"P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    with pytest.raises(SourceError, match="ent_num"):
        parse_folder("ofac_sdn", _write_sdn(tmp_path, row))


def test_empty_file_is_rejected(tmp_path):
    with pytest.raises(SourceError, match="empty"):
        parse_folder("ofac_sdn", _write_sdn(tmp_path, b"\x1a"))


def test_newer_sdn_csv_without_its_alias_and_address_files(shared_extra):
    parsed = parse_folder("ofac_sdn", shared_extra / "ofac_sdn_2024-07-02")
    types = Counter(e.entity_type for e in parsed.entities)
    assert types == {"person": 6_927, "vessel": 872, "aircraft": 374, "organization": 7_270}
    assert [f.name for f in parsed.files] == ["sdn.csv"]
    assert all(a.quality == "weak" for e in parsed.entities for a in e.aliases)
