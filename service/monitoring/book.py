"""The customer book: each tenant's customers in the records database.

A customer is what screening reads (name, entity type, country, date of birth,
identifiers) plus the bank's own free fields, which are kept and returned but never
screened. ``content_hash`` covers only what screening reads, so a PUT that changes
nothing screened (or nothing at all) does not screen again and cannot re-open alerts.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from service.core.model import Identifier
from service.records.canonical import canonical_json, iso, sha256_hex
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import Customer

MAX_PAGE = 500


class CustomerNotFound(LookupError):
    """No such customer in the caller's tenant."""


class InvalidCustomerCursor(ValueError):
    field = "cursor"


@dataclass(frozen=True)
class CustomerData:
    """One customer as the bank gives it (validated by the caller)."""

    customer_id: str
    name: str
    entity_type: str | None = None
    country: str | None = None
    date_of_birth: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=dict)

    def screened_content(self) -> dict[str, Any]:
        """What screening reads: the hash of this decides whether a PUT re-screens."""
        return {
            "name": self.name,
            "entity_type": self.entity_type,
            "country": self.country,
            "date_of_birth": self.date_of_birth,
            "identifiers": [_identifier(i) for i in self.identifiers],
        }

    def content_hash(self) -> str:
        return sha256_hex(canonical_json(self.screened_content()))


@dataclass(frozen=True)
class Screened:
    """The screening a customer's row points at."""

    screening_id: str
    decision: str
    at: datetime
    list_versions: Mapping[str, Any]


def _identifier(i: Identifier) -> dict[str, Any]:
    return {"type": i.type, "value": i.value, "country": i.country}


def row_values(tenant: str, data: CustomerData, at: datetime) -> dict[str, Any]:
    """The columns written for ``data`` (not the screening ones)."""
    return {
        "tenant": tenant,
        "customer_id": data.customer_id,
        "name": data.name,
        "entity_type": data.entity_type,
        "country": data.country,
        "date_of_birth": data.date_of_birth,
        "identifiers": json.dumps([_identifier(i) for i in data.identifiers]),
        "fields": json.dumps(dict(data.fields), ensure_ascii=False, sort_keys=True),
        "content_hash": data.content_hash(),
        "updated_at": at,
    }


def screened_values(screened: Screened) -> dict[str, Any]:
    return {
        "screening_id": screened.screening_id,
        "decision": screened.decision,
        "screened_at": screened.at,
        "list_versions": json.dumps(dict(screened.list_versions), sort_keys=True),
    }


def current(db: RecordsDatabase, tenant: str, customer_id: str) -> Customer | None:
    """The stored row, or ``None``."""
    try:
        with db.session() as session:
            return session.scalars(
                select(Customer).where(
                    Customer.tenant == tenant, Customer.customer_id == customer_id
                )
            ).one_or_none()
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customer book cannot be read: {exc}") from exc


def save(
    connection: Connection,
    tenant: str,
    data: CustomerData,
    at: datetime,
    screened: Screened | None = None,
) -> None:
    """Insert or update one customer (inside the caller's transaction)."""
    values = row_values(tenant, data, at)
    if screened is not None:
        values.update(screened_values(screened))
    found = connection.execute(
        select(Customer.id).where(
            Customer.tenant == tenant, Customer.customer_id == data.customer_id
        )
    ).scalar()
    if found is None:
        connection.execute(insert(Customer), {**values, "created_at": at})
    else:
        connection.execute(update(Customer).where(Customer.id == found).values(**values))


def save_many(
    connection: Connection, tenant: str, customers: list[CustomerData], at: datetime
) -> set[str]:
    """Insert or update many customers in one statement (an import's chunk); returns
    the ids that need screening: new, changed in what is screened, or never screened."""
    ids = [c.customer_id for c in customers]
    known = {
        r.customer_id: r
        for r in connection.execute(
            select(Customer.customer_id, Customer.content_hash, Customer.screening_id).where(
                Customer.tenant == tenant, Customer.customer_id.in_(ids)
            )
        )
    }
    values = [{**row_values(tenant, c, at), "created_at": at} for c in customers]
    if connection.dialect.name == "postgresql":
        _copy_upsert(connection, values)
    else:
        connection.execute(_upsert(connection), values)
    return {
        c.customer_id
        for c in customers
        if (seen := known.get(c.customer_id)) is None
        or seen.screening_id is None
        or seen.content_hash != c.content_hash()
    }


COPIED = ("tenant", "customer_id", "name", "entity_type", "country", "date_of_birth",
          "identifiers", "fields", "content_hash", "created_at", "updated_at")  # fmt: skip
_KEPT = ("name", "entity_type", "country", "date_of_birth", "identifiers", "fields",
         "content_hash", "updated_at")  # fmt: skip


def _copy_upsert(connection: Connection, values: list[dict[str, Any]]) -> None:
    """PostgreSQL: COPY the rows into a temporary table, then one INSERT ... SELECT ...
    ON CONFLICT. psycopg's executemany runs one upsert per row (a third of the speed)."""
    cols = ", ".join(COPIED)
    kept = ", ".join(f"{c} = EXCLUDED.{c}" for c in _KEPT)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(
        "CREATE TEMPORARY TABLE IF NOT EXISTS customers_in "
        "(LIKE customers INCLUDING DEFAULTS EXCLUDING IDENTITY) ON COMMIT DELETE ROWS"
    )
    with cursor.copy(f"COPY customers_in ({cols}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(tuple(row[c] for c in COPIED))
    cursor.execute(
        f"INSERT INTO customers ({cols}) SELECT {cols} FROM customers_in "
        f"ON CONFLICT (tenant, customer_id) DO UPDATE SET {kept}"
    )
    cursor.execute("DELETE FROM customers_in")


def _upsert(connection: Connection):  # noqa: ANN202 - a dialect's Insert
    """INSERT ... ON CONFLICT (tenant, customer_id) DO UPDATE, on SQLite or PostgreSQL."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(Customer)
    return stmt.on_conflict_do_update(
        index_elements=["tenant", "customer_id"], set_={k: stmt.excluded[k] for k in _KEPT}
    )


def save_fields(db: RecordsDatabase, tenant: str, data: CustomerData, at: datetime) -> None:
    """Keep new free fields of a customer whose screened content did not change."""
    try:
        with db.engine.begin() as connection:
            save(connection, tenant, data, at)
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customer could not be written: {exc}") from exc


def get_customer(db: RecordsDatabase, tenant: str, customer_id: str) -> dict[str, Any]:
    row = current(db, tenant, customer_id)
    if row is None:
        raise CustomerNotFound(f"No customer {customer_id}.")
    return as_dict(row)


def delete_customer(db: RecordsDatabase, tenant: str, customer_id: str) -> None:
    """Take the customer out of the book; its screenings and alerts stay on record."""
    try:
        with db.engine.begin() as connection:
            gone = connection.execute(
                delete(Customer).where(
                    Customer.tenant == tenant, Customer.customer_id == customer_id
                )
            ).rowcount
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customer could not be deleted: {exc}") from exc
    if not gone:
        raise CustomerNotFound(f"No customer {customer_id}.")


def list_customers(
    db: RecordsDatabase, tenant: str, limit: int = 50, cursor: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the tenant's book in customer id order, and the next page's cursor."""
    limit = max(1, min(limit, MAX_PAGE))
    stmt = select(Customer).where(Customer.tenant == tenant)
    if cursor:
        stmt = stmt.where(Customer.customer_id > decode_cursor(cursor))
    stmt = stmt.order_by(Customer.customer_id).limit(limit + 1)
    try:
        with db.session() as session:
            rows = list(session.scalars(stmt))
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customer book cannot be read: {exc}") from exc
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].customer_id) if more and rows else None
    return [as_dict(r) for r in rows], next_cursor


def encode_cursor(customer_id: str) -> str:
    return base64.urlsafe_b64encode(f"c:{customer_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCustomerCursor("Not a cursor from a previous page.") from exc
    kind, sep, value = text.partition(":")
    if kind != "c" or not sep:
        raise InvalidCustomerCursor("Not a cursor from a previous page.")
    return value


def as_dict(row: Customer) -> dict[str, Any]:
    return {
        "customer_id": row.customer_id,
        "name": row.name,
        "entity_type": row.entity_type,
        "country": row.country,
        "date_of_birth": row.date_of_birth,
        "identifiers": json.loads(row.identifiers or "[]"),
        "fields": json.loads(row.fields or "{}"),
        "created_at": iso(row.created_at),
        "updated_at": iso(row.updated_at),
        "screening": None
        if row.screening_id is None
        else {
            "screening_id": row.screening_id,
            "decision": row.decision,
            "screened_at": iso(row.screened_at),
            "list_versions": json.loads(row.list_versions or "{}"),
        },
    }


def data_of(row: Customer) -> CustomerData:
    """A stored row back as :class:`CustomerData` (to screen it again)."""
    return CustomerData(
        customer_id=row.customer_id,
        name=row.name,
        entity_type=row.entity_type,
        country=row.country,
        date_of_birth=row.date_of_birth,
        identifiers=tuple(
            Identifier(type=i["type"], value=i["value"], country=i.get("country"))
            for i in json.loads(row.identifiers or "[]")
        ),
        fields=json.loads(row.fields or "{}"),
    )


def iter_rows(db: RecordsDatabase, batch: int = 5000) -> Iterator[Customer]:
    """Every customer of every tenant, in id order, a page at a time."""
    last = 0
    while True:
        try:
            stmt = select(Customer).where(Customer.id > last).order_by(Customer.id)
            with db.session() as session:
                rows = list(session.scalars(stmt.limit(batch)))
        except SQLAlchemyError as exc:
            raise RecordsUnavailable(f"the customer book cannot be read: {exc}") from exc
        if not rows:
            return
        yield from rows
        last = rows[-1].id
