"""Reading publisher files: official names in any case, encodings, refusals."""

from __future__ import annotations

import pytest

from service.sources import SourceError
from service.sources.files import content_version, decode_text, find_file, parse_xml, read_bytes


def test_find_file_ignores_case(tmp_path):
    (tmp_path / "SDN.CSV").write_text("x")
    assert find_file(tmp_path, "sdn.csv") == tmp_path / "SDN.CSV"
    assert find_file(tmp_path, "alt.csv") is None
    assert find_file(tmp_path / "missing", "sdn.csv") is None


def test_decode_strips_bom_and_sub_byte():
    assert decode_text(b"\xef\xbb\xbf1,a\r\n\x1a", "f") == "1,a\r\n"


def test_decode_falls_back_to_cp1252():
    assert decode_text(b"CAF\xc9", "f") == "CAFÉ"


@pytest.mark.parametrize(
    "body", [b"", b"\x1a", b"  \r\n", b"<!DOCTYPE html><html>", b"\n <html lang=en>"]
)
def test_empty_and_html_files_are_refused(tmp_path, body):
    path = tmp_path / "sdn.csv"
    path.write_bytes(body)
    with pytest.raises(SourceError, match="sdn.csv"):
        read_bytes(path)


def test_parse_xml_reports_the_file(tmp_path):
    path = tmp_path / "consolidated.xml"
    path.write_text("<a><b></a>")
    with pytest.raises(SourceError, match="consolidated.xml: malformed XML"):
        parse_xml(path)


def test_content_version_changes_with_content(tmp_path):
    path = tmp_path / "sdn.csv"
    path.write_text("one")
    first = content_version([path])
    path.write_text("two")
    assert first.startswith("sha256:") and len(first) == len("sha256:") + 16
    assert content_version([path]) != first
