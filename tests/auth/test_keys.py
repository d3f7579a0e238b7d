"""API keys: shown once, stored as a keyed hash, listed, expired, revoked, cached briefly."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import text

from service.auth import InvalidKey, KeyAuthenticator, UnknownRole, create_key, list_keys
from service.auth.keys import revoke_key
from service.records import RecordsDatabase
from service.records.canonical import now


def test_a_key_is_random_and_only_its_hash_is_stored(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    info, key = create_key(records_db, secret, tenant="acme", role="screener", name="gateway")
    _, other = create_key(records_db, secret, tenant="acme", role="screener")
    assert key.startswith("ssk_") and len(key) >= 4 + 43 and key != other
    with records_db.engine.connect() as connection:
        dump = " ".join(
            str(v) for row in connection.execute(text("SELECT * FROM api_keys")) for v in row
        )
    assert key not in dump and key[4:] not in dump
    principal = KeyAuthenticator(records_db, secret).authenticate(key)
    assert principal is not None
    assert (principal.tenant, principal.role, principal.id) == ("acme", "screener", info.id)


def test_wrong_unknown_and_oversized_keys_are_refused(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    _, key = create_key(records_db, secret, tenant="acme", role="screener")
    auth = KeyAuthenticator(records_db, secret)
    assert auth.authenticate(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert auth.authenticate("") is None
    assert auth.authenticate("x" * 10_000) is None
    # The same key under another server secret is worthless.
    assert KeyAuthenticator(records_db, b"t" * 32).authenticate(key) is None


def test_revoked_and_expired_keys_stop_working_despite_the_cache(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    info, key = create_key(records_db, secret, tenant="acme", role="analyst")
    auth = KeyAuthenticator(records_db, secret, ttl=0)
    assert auth.authenticate(key) is not None
    assert revoke_key(records_db, info.id, tenant="other") is False  # not theirs: "no such key"
    assert revoke_key(records_db, info.id, tenant="acme") is True
    assert revoke_key(records_db, info.id, tenant="acme") is True  # already revoked: still there
    assert auth.authenticate(key) is None
    (listed,) = list_keys(records_db, "acme")
    assert listed.revoked_at is not None and not listed.active()

    _, key2 = create_key(
        records_db, secret, tenant="acme", role="analyst", expires_at=now() + timedelta(seconds=1)
    )
    cached = KeyAuthenticator(records_db, secret, ttl=3600)
    assert cached.authenticate(key2) is not None
    time.sleep(1.1)
    # The row stays cached; the expiry decision is made again on every request.
    assert cached.authenticate(key2) is None


def test_bad_roles_and_short_chosen_keys_are_refused(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    with pytest.raises(UnknownRole):
        create_key(records_db, secret, tenant="acme", role="root")
    with pytest.raises(InvalidKey):
        create_key(records_db, secret, tenant="acme", role="admin", value="short")
    assert list_keys(records_db) == []
