"""API keys for systems: random, shown once, stored only as a keyed hash.

A key is ``ssk_`` plus 32 random bytes (base64url). High-entropy secrets need no slow
password hash: HMAC-SHA256 with a key derived from the server secret costs about a
microsecond, and without the secret a stolen table cannot even test a guess.
:class:`KeyAuthenticator` caches the row each hash resolves to for a few seconds, never
the decision: expiry and revocation are checked on every request against the row.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from service.auth.principal import Principal
from service.auth.roles import check_role
from service.auth.tenants import ensure_tenant
from service.records.canonical import hmac_hex, now, utc
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import ApiKey
from service.records.secret import derived_key

KEY_PREFIX = "ssk_"
KEY_BYTES = 32
MAX_PRESENTED = 256
"""Longer bearer tokens are refused before any hashing."""


@dataclass(frozen=True)
class KeyInfo:
    """Everything about a key except the key itself."""

    id: str
    tenant: str
    role: str
    name: str
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None

    def active(self, at: datetime | None = None) -> bool:
        at = at or now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or utc(self.expires_at) > at

    def principal(self) -> Principal:
        return Principal("key", self.id, self.tenant, self.role, self.name)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "tenant": self.tenant,
            "role": self.role,
            "name": self.name,
            "created_at": utc(self.created_at).isoformat(),
            "created_by": self.created_by,
            "expires_at": self.expires_at and utc(self.expires_at).isoformat(),
            "revoked_at": self.revoked_at and utc(self.revoked_at).isoformat(),
            "active": self.active(),
        }


class InvalidKey(ValueError):
    """A key value that cannot be used (too short, not ours)."""

    field = "key"


def key_hash(secret: bytes, key: str) -> str:
    return hmac_hex(derived_key(secret, "api-key"), key.encode("utf-8"))


def new_key_value() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(KEY_BYTES)


def create_key(
    db: RecordsDatabase,
    secret: bytes,
    *,
    tenant: str,
    role: str,
    name: str = "",
    created_by: str = "",
    expires_at: datetime | None = None,
    value: str | None = None,
) -> tuple[KeyInfo, str]:
    """Store a new key for ``tenant``; returns its description and the key (shown once).

    ``value`` is only for the bootstrap key an operator chose (at least 32 characters).
    """
    check_role(role)
    value = value or new_key_value()
    if len(value) < 32 or len(value) > MAX_PRESENTED:
        raise InvalidKey("A chosen key must be 32 to 256 characters long.")
    row = ApiKey(
        id=f"key_{secrets.token_hex(8)}",
        tenant=tenant,
        role=role,
        name=name,
        key_hash=key_hash(secret, value),
        created_at=now(),
        created_by=created_by,
        expires_at=expires_at and utc(expires_at),
        revoked_at=None,
    )
    with db.session() as session:
        ensure_tenant(session, tenant)
        session.add(row)
    return _info(row), value


def list_keys(db: RecordsDatabase, tenant: str | None = None) -> list[KeyInfo]:
    query = select(ApiKey).order_by(ApiKey.created_at)
    if tenant:
        query = query.where(ApiKey.tenant == tenant)
    with db.session() as session:
        return [_info(row) for row in session.scalars(query)]


def revoke_key(db: RecordsDatabase, key_id: str, tenant: str | None = None) -> bool:
    """Revoke ``key_id`` (only within ``tenant`` when given); ``False`` if there is none."""
    return _set(db, key_id, tenant, revoked_at=now())


def expire_key(db: RecordsDatabase, key_id: str, at: datetime, tenant: str | None = None) -> bool:
    return _set(db, key_id, tenant, expires_at=utc(at))


def _set(db: RecordsDatabase, key_id: str, tenant: str | None, **values: object) -> bool:
    query = update(ApiKey).where(ApiKey.id == key_id)
    if tenant:
        query = query.where(ApiKey.tenant == tenant)
    if "revoked_at" in values:
        query = query.where(ApiKey.revoked_at.is_(None))  # the first revocation time stays
    with db.session() as session:
        changed = session.execute(query.values(**values)).rowcount
        if changed:
            return True
        row = session.get(ApiKey, key_id)  # already revoked: still "there" for its tenant
        return row is not None and tenant in (None, row.tenant)


def _info(row: ApiKey) -> KeyInfo:
    return KeyInfo(
        id=row.id,
        tenant=row.tenant,
        role=row.role,
        name=row.name,
        created_at=row.created_at,
        created_by=row.created_by,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


class KeyAuthenticator:
    """Bearer key -> principal, with a short per-process cache of the hash lookup."""

    MAX_CACHED = 10_000

    def __init__(self, db: RecordsDatabase, secret: bytes, ttl: float = 5.0) -> None:
        self._db = db
        self._hmac_key = derived_key(secret, "api-key")
        self._ttl = ttl
        self._cache: dict[str, tuple[float, KeyInfo | None]] = {}
        self._lock = threading.Lock()

    def authenticate(self, presented: str) -> Principal | None:
        """The key's principal if it is known, unexpired and unrevoked; else ``None``."""
        if not presented or len(presented) > MAX_PRESENTED:
            return None
        info = self._lookup(hmac_hex(self._hmac_key, presented.encode("utf-8")))
        if info is None or not info.active():
            return None
        return info.principal()

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()

    def _lookup(self, digest: str) -> KeyInfo | None:
        clock = time.monotonic()
        hit = self._cache.get(digest)
        if hit is not None and clock - hit[0] < self._ttl:
            return hit[1]
        try:
            with self._db.session() as session:
                row = session.scalars(select(ApiKey).where(ApiKey.key_hash == digest)).first()
                info = None if row is None else _info(row)
        except SQLAlchemyError as exc:
            raise RecordsUnavailable(f"API keys cannot be checked: {exc}") from exc
        if self._ttl > 0:
            with self._lock:
                if len(self._cache) >= self.MAX_CACHED:
                    self._cache.clear()  # bounded: random hostile keys cannot grow it
                self._cache[digest] = (clock, info)
        return info
