"""Canonical bytes and hashes of records: the same content always hashes the same.

The audit chain must verify years later, on another database engine and another Python:
content is serialised as JSON with sorted keys, no spaces, UTF-8, and every time as a
UTC ISO-8601 string with microseconds. SQLite returns times naive (they were written in
UTC), PostgreSQL aware; :func:`utc` makes both the same value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
"""``prev_hash`` of a tenant's first link."""


def utc(value: datetime) -> datetime:
    """``value`` as an aware UTC time (naive times are UTC by construction)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


def iso(value: datetime | None) -> str | None:
    return None if value is None else utc(value).isoformat(timespec="microseconds")


def canonical_json(value: Any) -> bytes:
    """Deterministic JSON bytes of ``value`` (datetimes as UTC ISO strings)."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=_encode,
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hmac_hex(secret: bytes, data: bytes) -> str:
    return hmac.new(secret, data, hashlib.sha256).hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    raise TypeError(f"not canonical JSON: {type(value).__name__}")
