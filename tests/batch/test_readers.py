import io
import json

import pytest
from openpyxl import Workbook

from service.batch.readers import detect_delimiter, read_table
from service.batch.table import InputRow, UnreadableFile


def table_of(data: bytes, filename: str = "f.csv"):
    t = read_table(io.BytesIO(data), filename)
    return t, list(t.rows)


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_detects_delimiter(delim: str) -> None:
    text = delim.join(["id", "name", "country"]) + "\n"
    text += delim.join(["1", '"Acme, Inc; Ltd|x"', "US"]) + "\n"
    t, rows = table_of(text.encode())
    assert t.delimiter == delim
    assert t.columns == ("id", "name", "country")
    assert rows == [InputRow(2, ("1", "Acme, Inc; Ltd|x", "US"))]


def test_single_column_file_uses_comma() -> None:
    assert detect_delimiter("name\nAcme\n") == ","


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_reads_every_supported_encoding(encoding: str) -> None:
    text = "Name;Country\nMüller GmbH;DE\nSociété Générale;FR\n"
    t, rows = table_of(text.encode(encoding))
    assert t.columns == ("Name", "Country")
    assert [r.cells for r in rows] == [("Müller GmbH", "DE"), ("Société Générale", "FR")]


def test_line_numbers_count_physical_lines_and_skip_blank_lines() -> None:
    data = b'name,note\n"Acme","two\nlines"\n\n,,\nBeta,x\n'
    _, rows = table_of(data)
    assert [(r.line, r.cells) for r in rows] == [(2, ("Acme", "two\nlines")), (6, ("Beta", "x"))]


def test_row_with_too_many_fields_is_an_error_row() -> None:
    _, rows = table_of(b"name,country\nAcme,US,extra\nBeta,FR\n")
    assert rows[0] == InputRow(2, None, "row has 3 fields, the header has 2")
    assert rows[1] == InputRow(3, ("Beta", "FR"))


def test_short_rows_are_padded_and_empty_trailing_fields_dropped() -> None:
    _, rows = table_of(b"name,country,dob\nAcme\nBeta,FR,,,\n")
    assert [r.cells for r in rows] == [("Acme", "", ""), ("Beta", "FR", "")]


def test_undecodable_bytes_make_an_error_row() -> None:
    data = "name\n" + "Müller\n" * 500
    raw = data.encode("utf-8") + b"Bad \xff byte\n"
    _, rows = table_of(raw)
    assert rows[-1] == InputRow(502, None, "row holds bytes that are not valid utf-8")
    assert len(rows) == 501


def test_duplicate_and_blank_headers_get_unique_names() -> None:
    t, _ = table_of(b"name,,name\nA,B,C\n")
    assert t.columns == ("name", "column_2", "name_2")


def test_empty_file_is_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        table_of(b"\n\n")


def xlsx_bytes(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_reads_xlsx_with_sheet_row_numbers() -> None:
    import datetime as dt

    data = xlsx_bytes(
        [
            ["Customer Name", "DOB", "Amount"],
            ["Acme", None, 12.0],
            [None, None, None],
            ["Ivanov", dt.datetime(1970, 5, 17), 3.5],
        ]  # fmt: skip
    )
    t, rows = table_of(data, "book.xlsx")
    assert t.format == "xlsx"
    assert t.columns == ("Customer Name", "DOB", "Amount")
    assert rows == [InputRow(2, ("Acme", "", "12")), InputRow(4, ("Ivanov", "1970-05-17", "3.5"))]


def test_broken_xlsx_is_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        table_of(b"PK\x03\x04 not really a zip", "x.xlsx")


def test_reads_jsonl_with_error_rows() -> None:
    lines = [json.dumps({"name": "Acme", "country": "US"}), "{broken", "[1, 2]", "",
             json.dumps({"name": "Beta", "dob": 1970, "tags": ["a"], "pep": True})]  # fmt: skip
    t, rows = table_of("\n".join(lines).encode(), "x.jsonl")
    assert t.columns == ("name", "country", "dob", "tags", "pep")
    assert rows[0] == InputRow(1, ("Acme", "US", "", "", ""))
    assert rows[1].line == 2 and rows[1].cells is None and "invalid JSON" in rows[1].error
    assert rows[2] == InputRow(3, None, "the line is not a JSON object")
    assert rows[3] == InputRow(5, ("Beta", "", "1970", '["a"]', "true"))
