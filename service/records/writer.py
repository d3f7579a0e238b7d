"""The hot path: one screening record and its chain link, written on the driver directly.

Every screening answer waits for this write, so it skips SQLAlchemy's execution layer
(about a millisecond of Python per record) and sends five plain statements on a pooled
DBAPI connection: advance the tenant's chain head (which locks it), insert the link, move
the head, insert the screening (and its idempotency key), commit. On PostgreSQL they go
in two pipelined round trips (psycopg's pipeline mode) instead of six. The
statements are plain SQL both SQLite and PostgreSQL accept; only the parameter style
and the way times are passed differ. Reads, migrations and the rare writes (batches,
keys, purges) stay on SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from typing import Any

from service.records.canonical import GENESIS, sha256_hex, utc
from service.records.chain import link_hash
from service.records.db import RecordsDatabase, RecordsUnavailable

_SQL = {
    "bump": "UPDATE chain_heads SET seq = seq + 1 WHERE tenant = %(tenant)s RETURNING seq, hash",
    "new_head": "INSERT INTO chain_heads (tenant, seq, hash) VALUES (%(tenant)s, 0, %(hash)s) "
    "ON CONFLICT (tenant) DO NOTHING",
    "link": "INSERT INTO audit_events (tenant, seq, at, record_type, record_id, event, actor, "
    "payload, prev_hash, hash) VALUES (%(tenant)s, %(seq)s, %(at)s, %(record_type)s, "
    "%(record_id)s, %(event)s, %(actor)s, %(payload)s, %(prev_hash)s, %(hash)s)",
    "set_head": "UPDATE chain_heads SET hash = %(hash)s WHERE tenant = %(tenant)s",
    "screening": "INSERT INTO screenings (screening_id, tenant, kind, principal, received_at, "
    "answered_at, request, response, decision, list_versions, ruleset_version, "
    "reference_version, service_version, subjects, customer_id, idempotency_key) VALUES "
    "(%(screening_id)s, %(tenant)s, %(kind)s, %(principal)s, %(received_at)s, "
    "%(answered_at)s, %(request)s, %(response)s, %(decision)s, %(list_versions)s, "
    "%(ruleset_version)s, %(reference_version)s, %(service_version)s, %(subjects)s, "
    "%(customer_id)s, %(idempotency_key)s)",
    "idempotency": "INSERT INTO idempotency_keys (tenant, key, request_hash, screening_id, "
    "created_at) VALUES (%(tenant)s, %(key)s, %(request_hash)s, %(screening_id)s, "
    "%(created_at)s)",
}
_SQLITE_SQL = {name: re.sub(r"%\((\w+)\)s", r":\1", sql) for name, sql in _SQL.items()}

_TIMES = ("at", "received_at", "answered_at", "created_at")


class DuplicateKey(Exception):
    """A unique constraint refused the insert (an idempotency key recorded meanwhile)."""


def write_screening(
    db: RecordsDatabase, row: dict[str, Any], content: bytes, key_row: dict[str, Any] | None
) -> None:
    """Insert ``row`` (a screening), its ``created`` link and ``key_row`` in one transaction."""
    dbapi = db.engine.dialect.dbapi
    sqlite = db.is_sqlite
    sql = _SQLITE_SQL if sqlite else _SQL
    connection = db.engine.raw_connection()
    batch = contextlib.nullcontext if sqlite else connection.dbapi_connection.pipeline
    try:
        cursor = connection.cursor()
        try:
            with batch():  # PostgreSQL: BEGIN and the head update in one round trip
                seq, prev_hash = _advance_head(cursor, sql, row["tenant"])
            link = {
                "tenant": row["tenant"],
                "seq": seq,
                "at": row["answered_at"],
                "record_type": "screening",
                "record_id": row["screening_id"],
                "event": "created",
                "actor": row["principal"],
                "payload": None,
                "prev_hash": prev_hash,
            }
            link["hash"] = link_hash(link, sha256_hex(content))
            with batch():  # PostgreSQL: the inserts and the commit in one round trip
                cursor.execute(sql["link"], _params(link, sqlite))
                cursor.execute(sql["set_head"], {"hash": link["hash"], "tenant": row["tenant"]})
                cursor.execute(sql["screening"], _params(row, sqlite))
                if key_row is not None:
                    cursor.execute(sql["idempotency"], _params(key_row, sqlite))
                connection.commit()
        finally:
            cursor.close()
    except dbapi.IntegrityError as exc:
        _rollback(connection)
        raise DuplicateKey(str(exc)) from exc
    except dbapi.Error as exc:
        _rollback(connection)
        connection.invalidate()  # maybe a dropped connection: never hand it out again
        raise RecordsUnavailable(f"the screening record could not be written: {exc}") from exc
    finally:
        connection.close()  # back to the pool


def _advance_head(cursor: Any, sql: dict[str, str], tenant: str) -> tuple[int, str]:
    cursor.execute(sql["bump"], {"tenant": tenant})
    found = cursor.fetchone()
    if found is None:
        cursor.execute(sql["new_head"], {"tenant": tenant, "hash": GENESIS})
        cursor.execute(sql["bump"], {"tenant": tenant})
        found = cursor.fetchone()
    return int(found[0]), str(found[1])


def _params(values: dict[str, Any], sqlite: bool) -> dict[str, Any]:
    """Times as SQLAlchemy's SQLite type stores them (UTC text), aware for PostgreSQL."""
    out = dict(values)
    for name in _TIMES:
        if isinstance(out.get(name), datetime):
            when = utc(out[name])
            out[name] = when.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else when
    return out


def _rollback(connection: Any) -> None:
    try:
        connection.rollback()
    except Exception:  # noqa: BLE001 - the connection is already broken; it is invalidated
        pass
