"""The customer index: which customers could match a list entry (the reverse screening).

A normal screening asks "which list entries match this customer?" against an index of
the list names. After a list update only a few entries changed, so the monitor asks the
opposite question, "which customers could match this entry?", against an index of the
customer names, built with the same core machinery (:func:`service.core.build_matcher`:
the same name analysis, typo, phonetic and transliteration keys, identifier keys).

The answer is a candidate set, not a decision: every candidate is then screened in full
against the lists like any screening. So the reverse search is set wide: a floor under
the display threshold, no country or birth date (they only lower scores), no entity
type filter, and many more names scored per query than a screening scores; the bench
(``bench/monitoring.py``) checks it finds every customer a full re-screen finds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from service.core import MatchConfig, build_matcher
from service.core.model import Entity, Identifier
from service.core.query import Query
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import Customer

CUSTOMERS = "customers"
CANDIDATE_FLOOR = 0.55
"""Lowest reverse score that makes a customer a candidate: under the display threshold
(0.70 by default) because the customer index weighs tokens by their rarity among
customers, not among list names, so the same pair can score a little differently."""
REVERSE_CONFIG = MatchConfig(
    candidates=100, prerank_floor=0.2, prerank_window=0.7, posting_cap=2000, memo_size=0
)
"""Wider than a screening (15 names scored per query). Customers sharing a name are one
indexed name, so a common name held by hundreds of customers takes one slot."""
MAX_CANDIDATES = 100_000
"""Per query; far above any real name's customers."""


@dataclass(frozen=True, slots=True)
class CustomerName:
    """What the index needs of one customer: its row id, name, type and identifiers."""

    row_id: int
    name: str
    entity_type: str | None = None
    identifiers: tuple[Identifier, ...] = ()


class CustomerIndex:
    """An immutable index over customer names; :meth:`candidates` answers per entry.

    Customers with the same name (case and spacing folded) and type share one indexed
    name: the index holds distinct names, and each maps to its customers' row ids.
    """

    def __init__(self, customers: Iterable[CustomerName]) -> None:
        groups: dict[tuple[str, str | None], int] = {}
        self._rows: list[list[int]] = []
        ids: list[list[Identifier]] = []
        names: list[tuple[str, str | None]] = []
        for c in customers:
            key = (" ".join(c.name.casefold().split()), c.entity_type)
            n = groups.get(key)
            if n is None:
                n = groups[key] = len(self._rows)
                self._rows.append([])
                ids.append([])
                names.append((c.name, c.entity_type))
            self._rows[n].append(c.row_id)
            ids[n].extend(c.identifiers)
        entities = (
            _entity(n, name, etype, tuple(dict.fromkeys(ids[n])))
            for n, (name, etype) in enumerate(names)
        )
        self._matcher = build_matcher(entities, REVERSE_CONFIG)
        self.customers = sum(len(r) for r in self._rows)

    @property
    def size(self) -> int:
        """Distinct customer names indexed."""
        return self._matcher.name_count

    def candidates(self, entry: Entity, floor: float = CANDIDATE_FLOOR) -> set[int]:
        """Row ids of the customers whose name (or identifier) could match ``entry``:
        each of its names and aliases is one reverse query."""
        found: set[int] = set()
        for n, alias in enumerate(entry.all_names()):
            query = Query(
                name=alias.name,
                identifiers=entry.identifiers if n == 0 else (),
                threshold=floor,
                limit=MAX_CANDIDATES,
            )
            for m in self._matcher.search(query):
                found.update(self._rows[int(m.entity.source_id)])
        return found


SHARD_NAMES = 200_000
"""Customers per shard of :func:`search_book`: the most the index holds at once (about
2 KB per distinct name, so some 0.4 GB whatever the size of the book)."""


def search_book(
    customers: Iterable[CustomerName], entries: Iterable[Entity], shard: int = SHARD_NAMES
) -> set[int]:
    """Row ids of every customer that could match one of ``entries``, the book indexed
    ``shard`` customers at a time: each shard is built, asked about every entry, and
    dropped before the next, so memory stays bounded however large the book grows."""
    wanted = list(entries)
    found: set[int] = set()
    batch: list[CustomerName] = []
    for customer in customers:
        batch.append(customer)
        if len(batch) >= shard:
            found |= _search_shard(batch, wanted)
            batch = []
    if batch:
        found |= _search_shard(batch, wanted)
    return found


def _search_shard(batch: list[CustomerName], entries: list[Entity]) -> set[int]:
    index = CustomerIndex(batch)
    found: set[int] = set()
    for entry in entries:
        found |= index.candidates(entry)
    return found


def _entity(
    n: int, name: str, entity_type: str | None, identifiers: tuple[Identifier, ...]
) -> Entity:
    return Entity(
        list=CUSTOMERS,
        source_id=str(n),
        entity_type=entity_type or "organization",  # type: ignore[arg-type]
        name=name,
        identifiers=identifiers,
    )


def customer_names(db: RecordsDatabase, page: int = 20_000) -> Iterator[CustomerName]:
    """Every customer of every tenant, only the columns the index reads, a page at a time."""
    last = 0
    cols = (Customer.id, Customer.name, Customer.entity_type, Customer.identifiers)
    while True:
        stmt = select(*cols).where(Customer.id > last).order_by(Customer.id).limit(page)
        try:
            with db.engine.connect() as connection:
                rows = connection.execute(stmt).all()
        except SQLAlchemyError as exc:
            raise RecordsUnavailable(f"the customer book cannot be read: {exc}") from exc
        if not rows:
            return
        for row in rows:
            yield CustomerName(row.id, row.name, row.entity_type, _identifiers(row.identifiers))
        last = rows[-1].id


def _identifiers(text: str | None) -> tuple[Identifier, ...]:
    if not text or text == "[]":
        return ()
    return tuple(Identifier(i["type"], i["value"], i.get("country")) for i in json.loads(text))
