"""UN consolidated XML parser on the real file, plus malformed input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from service.sources import SourceError, parse_folder


@pytest.fixture(scope="module")
def un(real_list):
    return real_list("un")


@pytest.fixture(scope="module")
def un_by_ref(un):
    return {e.source_id: e for e in un.entities}


def test_counts_match_the_lists_readme(un):
    assert Counter(e.entity_type for e in un.entities) == {"person": 730, "organization": 273}
    programs = Counter(p for e in un.entities for p in e.programs)
    assert programs["Al-Qaida"] == 341
    assert programs["DPRK"] == 155
    original = [a for e in un.entities for a in e.aliases if a.kind == "original_script"]
    assert len(original) == 378


def test_every_non_empty_alias_is_kept(un, shared_lists):
    root = ET.parse(shared_lists / "un" / "consolidated.xml").getroot()
    published = {
        (
            (e.findtext("REFERENCE_NUMBER") or "").strip(),
            " ".join((a.findtext("ALIAS_NAME") or "").split()),
        )
        for tag in ("INDIVIDUAL", "ENTITY")
        for e in root.iter(tag)
        for a in e.iter(f"{tag}_ALIAS")
    }
    published = {(ref, name) for ref, name in published if name}
    parsed = {
        (e.source_id, a.name) for e in un.entities for a in e.aliases if a.kind != "original_script"
    }
    assert parsed == published


def test_low_quality_aliases_are_weak(un):
    qualities = Counter(a.quality for e in un.entities for a in e.aliases)
    assert qualities["weak"] == 615


def test_version_is_the_generation_date(un):
    assert un.version == "2026-02-27"


def test_kpi_033(un_by_ref):
    ri = un_by_ref["KPi.033"]
    assert ri.name == "RI WON HO"
    assert ri.entity_type == "person"
    assert ri.nationalities == ("KP",)
    assert ri.dates_of_birth == ("1964-07-17",)
    assert [(i.type, i.value) for i in ri.identifiers] == [("passport", "381310014")]
    assert ri.programs == ("DPRK",)
    assert "KOMID" in (ri.remarks or "")


def test_year_ranges_and_years_are_partial_dates(un):
    dobs = [d for e in un.entities for d in e.dates_of_birth]
    assert all(len(d) in (4, 7, 10) for d in dobs)
    assert sum(1 for d in dobs if len(d) == 4) > 377


def test_original_script_names_are_aliases(un_by_ref):
    with_script = [
        e for e in un_by_ref.values() if any(a.kind == "original_script" for a in e.aliases)
    ]
    assert any(not a.name.isascii() for e in with_script for a in e.aliases)


def _write(tmp_path, text: str):
    (tmp_path / "consolidated.xml").write_text(text, encoding="utf-8")
    return tmp_path


def test_truncated_file_is_rejected(shared_lists, tmp_path):
    data = (shared_lists / "un" / "consolidated.xml").read_bytes()
    (tmp_path / "consolidated.xml").write_bytes(data[:100_000])
    with pytest.raises(SourceError, match="malformed XML"):
        parse_folder("un", tmp_path)


def test_missing_reference_number_is_rejected(tmp_path):
    body = '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
    body += "<FIRST_NAME>X</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    with pytest.raises(SourceError, match="REFERENCE_NUMBER"):
        parse_folder("un", _write(tmp_path, body))


def test_missing_generation_date_is_rejected(tmp_path):
    with pytest.raises(SourceError, match="dateGenerated"):
        parse_folder("un", _write(tmp_path, "<CONSOLIDATED_LIST/>"))


def test_an_ofac_file_under_the_un_name_is_rejected(tmp_path):
    with pytest.raises(SourceError, match="CONSOLIDATED_LIST"):
        parse_folder("un", _write(tmp_path, "<sdnList/>"))
