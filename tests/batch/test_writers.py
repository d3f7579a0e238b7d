import csv
import io
import json

from openpyxl import load_workbook

from service.batch.outcome import OUTPUT_COLUMNS
from service.batch.writers import stream_results, write_results

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", "plain", "a=b"]
OUTCOME = [2, "review", "=EVIL()", 0.91, "ofac_sdn", "306", "-explained", "", "T-0a1b"]


def test_csv_output_escapes_input_and_screening_cells() -> None:
    sink = io.BytesIO()
    write_results("csv", sink, [f"col{i}" for i in range(8)], [(HOSTILE, OUTCOME)])
    rows = list(csv.reader(io.StringIO(sink.getvalue().decode())))
    assert rows[0][-len(OUTPUT_COLUMNS) :] == list(OUTPUT_COLUMNS)
    assert rows[1][:8] == [
        "'=1+1",
        "'+SUM(A1)",
        "'-2+3",
        "'@cmd",
        "'\tTAB",
        "'\rCR",
        "plain",
        "a=b",
    ]
    assert rows[1][10] == "'=EVIL()" and rows[1][14] == "'-explained"


def test_xlsx_output_escapes_and_keeps_numbers() -> None:
    body = b"".join(stream_results("xlsx", ["name"], [(["=HYPERLINK(1)"], OUTCOME)]))
    ws = load_workbook(io.BytesIO(body)).active
    values = [c.value for c in next(ws.iter_rows(min_row=2))]
    assert values[0] == "'=HYPERLINK(1)" and values[3] == "'=EVIL()"
    assert values[4] == 0.91


def test_jsonl_output_is_verbatim_and_unreadable_rows_have_no_input() -> None:
    chunks = stream_results("jsonl", ["name"], [(["=x"], OUTCOME), (None, OUTCOME)])
    lines = [json.loads(line) for line in b"".join(chunks).splitlines()]
    assert lines[0]["name"] == "=x" and lines[0]["screening_match_name"] == "=EVIL()"
    assert "name" not in lines[1] and lines[1]["screening_line"] == 2


def test_stream_is_yielded_in_blocks() -> None:
    pairs = ([[f"name {i}" * 20], OUTCOME] for i in range(5000))
    blocks = list(stream_results("csv", ["name"], pairs))
    assert len(blocks) > 5
    assert b"".join(blocks).count(b"\n") == 5001


def test_xlsx_continues_on_a_new_sheet_past_the_row_limit(monkeypatch) -> None:
    from service.batch import writers

    monkeypatch.setattr(writers._XlsxWriter, "MAX_SHEET_ROWS", 3)
    sink = io.BytesIO()
    write_results("xlsx", sink, ["name"], [([f"n{i}"], OUTCOME) for i in range(5)])
    wb = load_workbook(io.BytesIO(sink.getvalue()))
    assert wb.sheetnames == ["results", "results-2", "results-3"]
    assert [ws.max_row for ws in wb.worksheets] == [3, 3, 2]
    assert wb.worksheets[1]["A1"].value == "name" and wb.worksheets[1]["A2"].value == "n2"
