"""Result files: the input columns plus the screening columns, written row by row.

CSV and XLSX cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) are prefixed with a single quote
(OWASP "CSV injection", ``service.spreadsheet``): customer data is untrusted and
reviewers open these files in Excel. JSON Lines is data, not a spreadsheet, and is
written verbatim.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

from service.batch.formats import OutputFormat
from service.batch.outcome import OUTPUT_COLUMNS, RowOutcome
from service.spreadsheet import escape_cell

STREAM_BLOCK = 64 * 1024

ResultPair = tuple[Sequence[str] | None, RowOutcome]
"""Input cells (None for an unreadable row) and the row's outcome."""


class _CsvWriter:
    def __init__(self, sink: BinaryIO, columns: Sequence[str]) -> None:
        self._text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
        self._csv = csv.writer(self._text)
        self._width = len(columns)
        self._csv.writerow([escape_cell(c) for c in (*columns, *OUTPUT_COLUMNS)])

    def write(self, cells: Sequence[str] | None, outcome: RowOutcome) -> None:
        cells = cells if cells is not None else ("",) * self._width
        self._csv.writerow([escape_cell(v) for v in (*cells, *outcome)])

    def close(self) -> None:
        self._text.flush()
        self._text.detach()


class _JsonlWriter:
    def __init__(self, sink: BinaryIO, columns: Sequence[str]) -> None:
        self._sink = sink
        self._columns = tuple(columns)

    def write(self, cells: Sequence[str] | None, outcome: RowOutcome) -> None:
        record = dict(zip(self._columns, cells, strict=False)) if cells is not None else {}
        record.update(zip(OUTPUT_COLUMNS, outcome, strict=True))
        self._sink.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")

    def close(self) -> None:
        self._sink.flush()


class _XlsxWriter:
    """openpyxl write-only mode keeps rows on disk, not in memory. A sheet holds at most
    1,048,576 rows (Excel's limit); longer results continue on ``results-2`` and so on."""

    MAX_SHEET_ROWS = 1_048_576

    def __init__(self, sink: BinaryIO, columns: Sequence[str]) -> None:
        from openpyxl import Workbook

        self._sink = sink
        self._wb = Workbook(write_only=True)
        self._width = len(columns)
        self._header = [escape_cell(_xlsx_safe(c)) for c in (*columns, *OUTPUT_COLUMNS)]
        self._sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self._sheets += 1
        name = "results" if self._sheets == 1 else f"results-{self._sheets}"
        self._ws = self._wb.create_sheet(name)
        self._ws.append(self._header)
        self._rows = 1

    def write(self, cells: Sequence[str] | None, outcome: RowOutcome) -> None:
        if self._rows >= self.MAX_SHEET_ROWS:
            self._new_sheet()
        cells = cells if cells is not None else ("",) * self._width
        self._ws.append([escape_cell(_xlsx_safe(v)) for v in (*cells, *outcome)])
        self._rows += 1

    def close(self) -> None:
        self._wb.save(self._sink)
        self._sink.flush()


def _xlsx_safe(value: object) -> object:
    """openpyxl refuses control characters in cells; drop them."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


_WRITERS = {"csv": _CsvWriter, "jsonl": _JsonlWriter, "xlsx": _XlsxWriter}

CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def open_writer(fmt: OutputFormat, sink: BinaryIO, columns: Sequence[str]):
    """A writer with ``write(cells, outcome)`` and ``close()`` for ``fmt``."""
    return _WRITERS[fmt](sink, columns)


def write_results(
    fmt: OutputFormat, sink: BinaryIO, columns: Sequence[str], pairs: Iterable[ResultPair]
) -> int:
    writer = open_writer(fmt, sink, columns)
    n = 0
    for cells, outcome in pairs:
        writer.write(cells, outcome)
        n += 1
    writer.close()
    return n


def stream_results(
    fmt: OutputFormat, columns: Sequence[str], pairs: Iterable[ResultPair]
) -> Iterator[bytes]:
    """Yield the result file in blocks, for an HTTP response, never whole in memory."""
    if fmt == "xlsx":
        yield from _stream_via_tempfile(columns, pairs)
        return
    buf = io.BytesIO()
    writer = open_writer(fmt, buf, columns)
    for cells, outcome in pairs:
        writer.write(cells, outcome)
        if buf.tell() >= STREAM_BLOCK:
            yield _drain(buf)
    writer.close()
    if buf.tell():
        yield _drain(buf)


def _drain(buf: io.BytesIO) -> bytes:
    data = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return data


def _stream_via_tempfile(columns: Sequence[str], pairs: Iterable[ResultPair]) -> Iterator[bytes]:
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    try:
        with os.fdopen(fd, "w+b") as tmp:
            write_results("xlsx", tmp, columns, pairs)
            tmp.seek(0)
            while block := tmp.read(STREAM_BLOCK):
                yield block
    finally:
        os.unlink(path)
