"""Read CSV, XLSX and JSON Lines into a :class:`Table`, streaming, row by row.

Memory stays flat whatever the file size: CSV and JSON Lines are decoded as they
are read, XLSX goes through openpyxl's read-only mode. Only a sample is held for
detecting the encoding and delimiter.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from service.batch.encoding import SAMPLE_BYTES, detect_encoding
from service.batch.formats import InputFormat, detect_format
from service.batch.table import InputRow, Table, UnreadableFile

DELIMITERS = (",", ";", "\t", "|")
MAX_COLUMNS = 1_000
"""Most columns a file may have (header cells, or JSON Lines keys in the first
objects): a header of a million empty names must not hold a worker."""
JSONL_HEADER_SCAN = 1_000
"""JSON Lines columns are the keys seen in this many first objects (first-seen order)."""
REPLACEMENT = "\ufffd"
_HOSTILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters (tab and line breaks aside) and lone surrogates: never in a real
cell, refused by ``/v1/screen`` too, and a surrogate cannot even be written back out
as UTF-8, so a row holding one becomes an error row and its cells are dropped."""


def _checked(line: int, cells: tuple[str, ...]) -> InputRow:
    """The row, or an error row when a cell holds a control character or a surrogate."""
    for i, cell in enumerate(cells):
        if (m := _HOSTILE.search(cell)) is not None:
            return InputRow(line, None, f"cell {i + 1} holds a control character or a lone "
                            f"surrogate (U+{ord(m.group(0)):04X})")  # fmt: skip
    return InputRow(line, cells)


csv.field_size_limit(1 << 20)


def read_table(
    stream: BinaryIO,
    filename: str | None = None,
    fmt: InputFormat | None = None,
    encoding: str | None = None,
) -> Table:
    """Open ``stream`` (binary, seekable) as a table; the format is detected if not given."""
    head = stream.read(8)
    stream.seek(0)
    fmt = fmt or detect_format(head + stream.read(1024)[8:], filename)
    stream.seek(0)
    if fmt == "xlsx":
        return read_xlsx(stream)
    if fmt == "jsonl":
        return read_jsonl(stream)
    return read_csv(stream, encoding)


# --- CSV ---------------------------------------------------------------------------


def read_csv(stream: BinaryIO, encoding: str | None = None) -> Table:
    sample = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    given, encoding = encoding, encoding or detect_encoding(sample)
    try:
        text_sample = _decode_sample(sample, encoding)
        delimiter = detect_delimiter(text_sample)
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        header, start = _first_nonblank(reader)
    except (UnicodeError, LookupError) as exc:  # utf-16 without a BOM, a binary codec
        raise UnreadableFile(f"cannot decode the file as {encoding}: {exc}", given) from exc
    except csv.Error as exc:  # a header cell over the field limit
        raise UnreadableFile(f"the header row cannot be read: {exc}") from exc
    if header is None:
        raise UnreadableFile("the file is empty: no header row")
    columns = clean_header(header)
    return Table(columns, _csv_rows(reader, len(columns), start, encoding), encoding, delimiter)


def _decode_sample(sample: bytes, encoding: str) -> str:
    text = sample.decode(encoding, errors="replace")
    cut = max(text.rfind("\n"), 0)
    return text[:cut] if cut else text


def detect_delimiter(text: str) -> str:
    """The candidate giving the most rows with the header's field count (>1 field)."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        try:
            rows = list(csv.reader(lines, delimiter=delim))
        except csv.Error:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        agreeing = sum(1 for r in rows if len(r) == width)
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _first_nonblank(reader: Iterator[list[str]]) -> tuple[list[str] | None, int]:
    for record in reader:
        if any(c.strip() for c in record):
            return record, reader.line_num  # type: ignore[attr-defined]
    return None, 0


def clean_header(header: Iterable[str]) -> tuple[str, ...]:
    """Strip names; name blank columns ``column_N``; make duplicates unique (linear: a
    set of names taken and the next suffix per base name)."""
    out: list[str] = []
    taken: set[str] = set()
    suffix: dict[str, int] = {}
    for i, raw in enumerate(header, start=1):
        if i > MAX_COLUMNS:
            raise UnreadableFile(f"the header has more than {MAX_COLUMNS} columns")
        name = base = raw.strip().lstrip("\ufeff").strip() or f"column_{i}"
        while name in taken:
            suffix[base] = suffix.get(base, 1) + 1
            name = f"{base}_{suffix[base]}"
        taken.add(name)
        out.append(name)
    return tuple(out)


def _csv_rows(reader, width: int, prev_line: int, encoding: str) -> Iterator[InputRow]:
    while True:
        start = prev_line + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            prev_line = reader.line_num
            yield InputRow(start, None, f"malformed CSV: {exc}")
            continue
        prev_line = reader.line_num
        if not any(c.strip() for c in record):
            continue
        yield _csv_row(start, record, width, encoding)


def _csv_row(line: int, record: list[str], width: int, encoding: str) -> InputRow:
    if len(record) > width:
        extra = record[width:]
        if any(c.strip() for c in extra):
            return InputRow(line, None, f"row has {len(record)} fields, the header has {width}")
        record = record[:width]
    if any(REPLACEMENT in c for c in record):
        return InputRow(line, None, f"row holds bytes that are not valid {encoding}")
    cells = tuple(c.strip() for c in record) + ("",) * (width - len(record))
    return _checked(line, cells)


# --- XLSX --------------------------------------------------------------------------


def read_xlsx(stream: BinaryIO) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_inflation(stream)
    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise UnreadableFile(f"not a readable XLSX workbook: {exc}") from exc
    ws = wb.worksheets[0]
    rows = enumerate(ws.iter_rows(values_only=True), start=1)
    for _line, values in rows:
        if any(_cell_text(v) for v in values):
            columns = clean_header(_cell_text(v) for v in values)
            return Table(columns, _xlsx_rows(rows, len(columns), wb), format="xlsx")
    wb.close()
    raise UnreadableFile("the first sheet is empty: no header row")


MAX_XLSX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_XLSX_RATIO = 100
"""A workbook's XML compresses 5-20 times; a zip bomb hundreds of times. Both bounds
are checked from the ZIP directory, before a byte is inflated."""


def _check_inflation(stream: BinaryIO) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(f"not a readable XLSX workbook: {exc}") from exc
    finally:
        stream.seek(0)
    inflated = sum(m.file_size for m in members)
    packed = max(sum(m.compress_size for m in members), 1)
    if inflated > MAX_XLSX_INFLATED_BYTES or inflated / packed > MAX_XLSX_RATIO:
        raise UnreadableFile(
            f"the workbook inflates to {inflated} bytes from {packed} (limits: "
            f"{MAX_XLSX_INFLATED_BYTES} bytes, ratio {MAX_XLSX_RATIO}); save it as CSV"
        )


def _xlsx_rows(rows, width: int, wb) -> Iterator[InputRow]:
    try:
        for line, values in rows:
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            if len(cells) > width and any(cells[width:]):
                yield InputRow(line, None, f"row has {len(cells)} cells, the header has {width}")
                continue
            cells = cells[:width] + [""] * (width - len(cells))
            yield _checked(line, tuple(cells))
    finally:
        wb.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# --- JSON Lines --------------------------------------------------------------------


def read_jsonl(stream: BinaryIO) -> Table:
    lines = _jsonl_parsed(stream)
    buffered: list[tuple[int, dict | None, str | None]] = []
    columns: dict[str, None] = {}
    for item in lines:
        buffered.append(item)
        if item[1] is not None:
            columns.update(dict.fromkeys(str(k) for k in item[1]))
            if len(columns) > MAX_COLUMNS:
                raise UnreadableFile(
                    f"the first objects have more than {MAX_COLUMNS} distinct keys"
                )
            if sum(1 for b in buffered if b[1] is not None) >= JSONL_HEADER_SCAN:
                break
    if not columns:
        if buffered:
            raise UnreadableFile(f"no JSON object found; line {buffered[0][0]}: {buffered[0][2]}")
        raise UnreadableFile("the file is empty")
    cols = tuple(columns)

    def rows() -> Iterator[InputRow]:
        for line, obj, err in _chain(buffered, lines):
            if obj is None:
                yield InputRow(line, None, err)
            else:
                yield _checked(line, tuple(_json_text(obj.get(c)) for c in cols))

    return Table(cols, rows(), "utf-8", format="jsonl")


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    first.clear()
    yield from rest


def _jsonl_parsed(stream: BinaryIO) -> Iterator[tuple[int, dict | None, str | None]]:
    for line_no, raw in enumerate(stream, start=1):
        if line_no == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except RecursionError:
            yield line_no, None, "invalid JSON: nested too deeply"
            continue
        except (ValueError, UnicodeDecodeError) as exc:
            yield line_no, None, f"invalid JSON: {exc}"
            continue
        if not isinstance(obj, dict):
            yield line_no, None, "the line is not a JSON object"
            continue
        yield line_no, obj, None


def _json_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
