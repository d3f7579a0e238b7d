"""Each format's end marker: whole files pass, a file cut anywhere is caught."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from service.sources.complete import IncompleteFile, check_complete

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WHOLE = [
    ("uk_sl", FIXTURES / "uk_sl" / "xml" / "UK-Sanctions-List.xml"),
    ("uk_sl", FIXTURES / "uk_sl" / "csv" / "UK-Sanctions-List.csv"),
    ("eu", FIXTURES / "eu_full" / "20260201-FULL-1_1.xml"),
    ("ofac_sdn", FIXTURES / "ofac_sdn_xml" / "sdn.xml"),
    ("us_csl", FIXTURES / "us_csl" / "csv" / "consolidated.csv"),
    ("us_csl", FIXTURES / "us_csl" / "json" / "consolidated.json"),
]
OFAC_CSV = b'1,"ALPHA TRADING",-0- ,"SDGT"\r\n2,"BETA ""B"" LTD",-0- ,"SDGT"\r\n\x1a'


def write(tmp_path: Path, name: str, body: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(body)
    return path


@pytest.mark.parametrize(("list_id", "path"), WHOLE, ids=lambda v: getattr(v, "name", v))
def test_whole_files_pass_and_every_cut_is_caught(tmp_path: Path, list_id: str, path: Path) -> None:
    body = path.read_bytes()
    check_complete(path, list_id)
    end = len(body.rstrip())  # trailing blanks carry nothing
    for cut in sorted({1, len(body) // 3, len(body) // 2, end - 40, end - 2, end - 1}):
        cut_file = write(tmp_path, path.name, body[:cut])
        with pytest.raises(IncompleteFile):
            check_complete(cut_file, list_id)


def test_ofac_csv_needs_its_end_byte_even_when_cut_at_a_row(tmp_path: Path) -> None:
    check_complete(write(tmp_path, "sdn.csv", OFAC_CSV), "ofac_sdn")
    at_a_row = OFAC_CSV[: OFAC_CSV.index(b"\r\n") + 2]
    with pytest.raises(IncompleteFile, match="0x1A"):
        check_complete(write(tmp_path, "sdn.csv", at_a_row), "ofac_cons")
    # Another list's CSV cut at a row boundary cannot be told from a shorter list.
    check_complete(write(tmp_path, "consolidated.csv", at_a_row), "us_csl")


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"a,b,c\r\n1,2,3\r\n4,5", "line break"),
        (b'a,b,c\r\n1,2,3\r\n4,"5\r\n', "does not read to its end"),
        (b"a,b,c\r\n1,2,3\r\n4,5\r\n", "2 fields"),
    ],
    ids=["no-line-break", "open-quote", "short-record"],
)
def test_a_csv_cut_inside_its_last_record_is_caught(tmp_path: Path, body: bytes, why: str) -> None:
    with pytest.raises(IncompleteFile, match=why):
        check_complete(write(tmp_path, "consolidated.csv", body), "us_csl")


def test_a_quoted_line_break_is_not_an_end(tmp_path: Path) -> None:
    body = b'id,remark\r\n1,"two\r\nlines"\r\n2,"one"\r\n'
    check_complete(write(tmp_path, "consolidated.csv", body), "us_csl")


def test_xml_may_end_with_blanks_and_comments_but_not_an_inner_element(tmp_path: Path) -> None:
    head = b'<?xml version="1.0"?>\n<!-- generated -->\n<!DOCTYPE x>\n<LIST a="1"><E/>'
    check_complete(write(tmp_path, "l.xml", head + b"</LIST >\n<!-- end -->\n"), "un")
    with pytest.raises(IncompleteFile, match="</LIST>"):
        check_complete(write(tmp_path, "l.xml", head + b"<E/>\n"), "un")
    with pytest.raises(IncompleteFile, match="root"):
        check_complete(write(tmp_path, "l.xml", b"no markup at all"), "un")


def test_a_workbook_without_its_zip_directory_is_caught(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        workbook.writestr("xl/workbook.xml", "<workbook/>" * 200)
    body = buffer.getvalue()
    check_complete(write(tmp_path, "ConList.xlsx", body), "uk_ofsi")
    with pytest.raises(IncompleteFile, match="zip"):
        check_complete(write(tmp_path, "ConList.xlsx", body[: len(body) // 2]), "uk_ofsi")


def test_empty_files_are_caught_and_other_formats_pass(tmp_path: Path) -> None:
    with pytest.raises(IncompleteFile, match="empty"):
        check_complete(write(tmp_path, "consolidated.json", b""), "us_csl")
    check_complete(write(tmp_path, "notes.txt", b"anything"), "un")
