"""Is a downloaded publisher file whole? Each format's own end marker, checked cheaply.

A transfer that is cut short without the server saying so (a connection closed early
with no ``Content-Length``, or a publisher that served a half-written file) can still
parse: a CSV cut after a complete row loses every entity after it and looks fine.
So before a new version may replace the serving one, every file must end the way its
format ends:

- XML: the document ends with the closing tag of its root element (only whitespace,
  comments or processing instructions after it). Well-formedness in between is the
  parser's job; a file cut anywhere lacks this tag.
- CSV: the last record ends with a line break, its quotes are balanced and it has as
  many fields as the record before it. OFAC's legacy CSV files (``ofac_sdn``,
  ``ofac_cons``) also end with the DOS end-of-file byte 0x1A, which is then required:
  it is the only marker that catches a cut exactly at a line break.
- JSON: the last non-blank character closes what the first one opened (``{`` with
  ``}``, ``[`` with ``]``); the parser finds a cut anywhere before that.
- XLSX: the zip's end-of-central-directory record is present.

Other files pass unchecked. A CSV without an end-of-file byte cut exactly at a line
break cannot be told from a shorter list by its bytes; the ``Content-Length`` check
(``service.sources.fetch``) and the shrink limit (``service.store.update``) remain.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

EOF_BYTE = b"\x1a"
"""DOS end-of-file (SUB), the last byte of OFAC's legacy CSV files."""
EOF_MARKED_LISTS = frozenset({"ofac_sdn", "ofac_cons"})
"""Lists whose CSV files end with :data:`EOF_BYTE` (their publisher always writes it)."""

_EDGE = 64 * 1024
"""Bytes read at the head (to find the XML root) and at the tail (to find its end)."""
_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_XML_SKIP = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.DOTALL)
_XML_TRAILER = re.compile(rb"(?:\s|<\?.*?\?>|<!--.*?-->)*\Z", re.DOTALL)


class IncompleteFile(ValueError):
    """The file does not end the way its format ends: it was cut short."""


def check_complete(path: Path, list_id: str = "") -> None:
    """Raise :class:`IncompleteFile` unless ``path`` ends with its format's end marker."""
    checks: dict[str, Callable[[Path, str], None]] = {
        ".xml": _xml,
        ".csv": _csv,
        ".json": _json,
        ".xlsx": _zip,
    }
    check = checks.get(path.suffix.lower())
    if check is None:
        return
    if path.stat().st_size == 0:
        raise IncompleteFile("the file is empty")
    check(path, list_id)


def _edges(path: Path) -> tuple[bytes, bytes]:
    with path.open("rb") as handle:
        head = handle.read(_EDGE)
        handle.seek(max(0, path.stat().st_size - _EDGE))
        return head, handle.read()


def _xml(path: Path, list_id: str) -> None:
    head, tail = _edges(path)
    match = _XML_ROOT.search(_XML_SKIP.sub(b"", head.lstrip(b"\xef\xbb\xbf")))
    if match is None:
        raise IncompleteFile("no XML root element in the first bytes")
    root = match.group(1)
    closing = re.compile(rb"</" + re.escape(root) + rb"\s*>" + _XML_TRAILER.pattern, re.DOTALL)
    if closing.search(tail) is None:
        raise IncompleteFile(f"the XML does not end with </{root.decode(errors='replace')}>")


def _csv(path: Path, list_id: str) -> None:
    _, tail = _edges(path)
    if list_id in EOF_MARKED_LISTS and not tail.endswith(EOF_BYTE):
        raise IncompleteFile("the CSV lacks its final end-of-file byte (0x1A)")
    if not tail.rstrip(EOF_BYTE).endswith((b"\n", b"\r")):
        raise IncompleteFile("the CSV's last record does not end with a line break")
    before, last = _last_two_records(path)
    if before is not None and last is not None and len(last) != len(before):
        raise IncompleteFile(
            f"the CSV's last record has {len(last)} fields, the one before it {len(before)}"
        )


def _last_two_records(path: Path) -> tuple[list[str] | None, list[str] | None]:
    """The last two records, read through the whole file so quotes are tracked.

    Latin-1 maps every byte to one character, so quotes, commas and line breaks are
    found whatever the publisher's encoding (UTF-8, cp1252) without decoding errors.
    """
    before: list[str] | None = None
    last: list[str] | None = None
    with path.open(encoding="latin-1", newline="") as handle:
        try:
            for record in csv.reader(handle, strict=True):
                if record and record != [EOF_BYTE.decode("latin-1")]:
                    before, last = last, record
        except csv.Error as exc:  # an unclosed quote at the end, mostly
            raise IncompleteFile(f"the CSV does not read to its end: {exc}") from exc
    return before, last


def _json(path: Path, list_id: str) -> None:
    head, tail = _edges(path)
    opened = head.lstrip(b"\xef\xbb\xbf").lstrip()[:1]
    closer = {b"{": b"}", b"[": b"]"}.get(opened)
    if closer is None or not tail.rstrip().endswith(closer):
        raise IncompleteFile("the JSON does not end by closing its top-level object or array")


def _zip(path: Path, list_id: str) -> None:
    if not zipfile.is_zipfile(path):
        raise IncompleteFile("the workbook's zip directory (at its end) is missing")
