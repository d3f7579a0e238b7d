"""The shape every reader produces: a header and numbered rows of text cells.

A row that cannot be read keeps its line number and carries the reason instead of
cells, so it still becomes exactly one output row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputRow:
    line: int
    """1-based line number in the file (sheet row number for XLSX)."""
    cells: tuple[str, ...] | None
    """Cell texts aligned with the table's columns; None when the row is malformed."""
    error: str | None = None
    """Why the row could not be read."""

    def to_json(self) -> list:
        return [self.line, None if self.cells is None else list(self.cells), self.error]

    @classmethod
    def from_json(cls, data: list) -> InputRow:
        line, cells, error = data
        return cls(line, None if cells is None else tuple(cells), error)


@dataclass
class Table:
    columns: tuple[str, ...]
    rows: Iterator[InputRow]
    encoding: str | None = None
    delimiter: str | None = None
    format: str = "csv"


class UnreadableFile(ValueError):
    """The file as a whole cannot be read (no header, not text, broken ZIP...)."""

    def __init__(self, message: str, encoding: str | None = None) -> None:
        super().__init__(message)
        self.field = "encoding" if encoding else "file"
        """The form field to blame: the encoding the client chose, else the file."""
