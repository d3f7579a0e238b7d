"""One input row -> one :class:`ScreenRequest`, or the reason it cannot be screened.

Every problem is reported on the row (with its line number in the output), never
raised, so one bad row cannot sink a million-row batch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from service.batch.table import InputRow
from service.core.model import ENTITY_TYPES
from service.screening import ScreenRequest
from service.screening.entity_types import entity_type_of

MAX_NAME_CHARS = 512
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class BatchOptions:
    """Per-batch screening options, applied to every row."""

    threshold: float | None = None
    lists: tuple[str, ...] | None = None
    entity_type: str | None = None
    """Default entity type for rows whose type column is empty or absent."""
    customers: bool = False
    """The rows go into the owner's customer book (``POST /v1/customers/import``),
    each screened by ``service.monitoring.imports``, instead of only being screened."""

    def to_dict(self) -> dict:
        data = {
            "threshold": self.threshold,
            "lists": None if self.lists is None else list(self.lists),
            "entity_type": self.entity_type,
        }
        return {**data, "customers": True} if self.customers else data

    @classmethod
    def from_dict(cls, data: Mapping) -> BatchOptions:
        lists = data.get("lists")
        return cls(data.get("threshold"), None if lists is None else tuple(lists),
                   data.get("entity_type"), bool(data.get("customers")))  # fmt: skip


def build_request(
    row: InputRow, idx: Mapping[str, int], options: BatchOptions
) -> ScreenRequest | str:
    """Return the request for ``row``, or a one-line reason it cannot be screened.

    ``idx`` is ``ColumnMapping.indexes(columns)``, computed once per chunk, not per row.
    """
    if row.cells is None:
        return row.error or "unreadable row"

    def cell(field: str) -> str:
        i = idx.get(field)
        return "" if i is None or i >= len(row.cells) else _clean(row.cells[i])

    name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
    if not name:
        return "name is empty"
    if len(name) > MAX_NAME_CHARS:
        return f"name is longer than {MAX_NAME_CHARS} characters"
    raw_type = cell("entity_type")
    etype = (entity_type_of(raw_type) if raw_type else None) or options.entity_type
    if etype is not None and etype not in ENTITY_TYPES:
        etype = None
    return ScreenRequest(
        name=name,
        entity_type=etype,
        country=cell("country") or None,
        date_of_birth=cell("date_of_birth") or None,
        lists=options.lists,
        customer_id=cell("id")[:200] or None,
        threshold=options.threshold,
    )


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())
