"""The package's front door, parse_folder: dispatch by list id and by which official files
exist (it lives in ``service/sources/__init__.py``, so its tests are ``test_sources.py``)."""

from __future__ import annotations

import pytest

from service.sources import KNOWN_LISTS, SourceError, parse_folder


def test_known_lists():
    assert KNOWN_LISTS == ("ofac_sdn", "ofac_cons", "un", "eu", "uk_sl", "uk_ofsi", "us_csl")


def test_unknown_list_id_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="unknown list id"):
        parse_folder("nope", tmp_path)


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        parse_folder("ofac_sdn", tmp_path / "absent")


@pytest.mark.parametrize("list_id", KNOWN_LISTS)
def test_folder_without_official_files_is_an_error(tmp_path, list_id):
    (tmp_path / "readme.txt").write_text("not a list")
    with pytest.raises(SourceError, match="no "):
        parse_folder(list_id, tmp_path)


def test_official_names_are_matched_ignoring_case(tmp_path):
    row = b'7,"ACME",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    (tmp_path / "SDN.CSV").write_bytes(row)
    parsed = parse_folder("ofac_sdn", tmp_path)
    assert [(e.source_id, e.entity_type) for e in parsed.entities] == [("7", "organization")]
    assert parsed.files[0].name == "SDN.CSV"


def _sdn_row(ent_num: str, name: str) -> bytes:
    return f'{ent_num},"{name}",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'.encode()


def test_duplicate_source_ids_are_an_error(tmp_path):
    (tmp_path / "sdn.csv").write_bytes(_sdn_row("7", "ACME") + _sdn_row("7", "OTHER") + b"\x1a")
    with pytest.raises(SourceError, match="duplicate source ids 7"):
        parse_folder("ofac_sdn", tmp_path)


def test_a_list_with_no_entries_is_an_error(tmp_path):
    (tmp_path / "consolidated.xml").write_text(
        '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS/><ENTITIES/>'
        "</CONSOLIDATED_LIST>"
    )
    with pytest.raises(SourceError, match="no entities"):
        parse_folder("un", tmp_path)
