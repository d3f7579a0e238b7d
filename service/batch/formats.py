"""Which of the three input formats a file is: XLSX, JSON Lines or CSV.

We trust the content over the file name: XLSX is a ZIP container, JSON Lines
starts with ``{``; everything else is read as delimited text. The name only
breaks ties (a ``.jsonl`` file whose first line is broken is still JSON Lines).
"""

from __future__ import annotations

from typing import Literal

InputFormat = Literal["csv", "xlsx", "jsonl"]

OutputFormat = Literal["csv", "xlsx", "jsonl"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("csv", "xlsx", "jsonl")

_ZIP_MAGIC = b"PK\x03\x04"


class UnsupportedFile(ValueError):
    """The upload is none of CSV, XLSX or JSON Lines (e.g. an old binary .xls)."""


def detect_format(head: bytes, filename: str | None = None) -> InputFormat:
    """Classify a file by its first bytes (and, for ties, its name)."""
    lower = (filename or "").lower()
    if head.startswith(_ZIP_MAGIC):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFile("old binary Excel (.xls) is not supported; save as .xlsx or CSV")
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{"):
        return "jsonl"
    return "csv"
