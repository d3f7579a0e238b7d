"""Console users: Argon2 hashes, generic failures, lock-out after repeated failures."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import text

from service.auth import (
    InvalidUser,
    LockedOut,
    LoginFailed,
    create_user,
    get_user,
    login,
    set_disabled,
)
from service.records import RecordsDatabase

PASSWORD = "correct horse battery"


def test_a_user_logs_in_with_the_right_password_only(records_db: RecordsDatabase) -> None:
    user = create_user(records_db, "alice", tenant="acme", role="analyst", password=PASSWORD)
    with records_db.engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM users")).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert login(records_db, "alice", PASSWORD).id == user.id
    with pytest.raises(LoginFailed):
        login(records_db, "alice", PASSWORD + "!")
    with pytest.raises(LoginFailed):
        login(records_db, "mallory", PASSWORD)


def test_repeated_failures_lock_the_user_out(records_db: RecordsDatabase) -> None:
    create_user(records_db, "bob", tenant="acme", role="analyst", password=PASSWORD)
    for _ in range(2):
        with pytest.raises(LoginFailed) as failure:
            login(records_db, "bob", "wrong password!!", max_failures=3)
        assert not isinstance(failure.value, LockedOut)
    with pytest.raises(LockedOut):
        login(records_db, "bob", "wrong password!!", max_failures=3)
    with pytest.raises(LockedOut):  # even the right password, while locked
        login(records_db, "bob", PASSWORD, max_failures=3)
    # Once the lock-out has passed, the right password works again.
    with records_db.engine.begin() as connection:
        connection.execute(text("UPDATE users SET locked_until = NULL"))
    assert login(records_db, "bob", PASSWORD, max_failures=3, lockout=timedelta(0)).name == "bob"


def test_weak_passwords_and_duplicate_names_are_refused(records_db: RecordsDatabase) -> None:
    with pytest.raises(InvalidUser):
        create_user(records_db, "carol", tenant="acme", role="analyst", password="short")
    create_user(records_db, "carol", tenant="acme", role="analyst", password=PASSWORD)
    with pytest.raises(InvalidUser):
        create_user(records_db, "carol", tenant="beta", role="admin", password=PASSWORD)


def test_a_disabled_user_cannot_sign_in_until_enabled(records_db: RecordsDatabase) -> None:
    user = create_user(records_db, "dora", tenant="acme", role="analyst", password=PASSWORD)
    signed_in = time.time()
    first = set_disabled(records_db, "dora", True)
    assert first is not None and first.disabled_at is not None
    assert get_user(records_db, user.id) is None
    with pytest.raises(LoginFailed):
        login(records_db, "dora", PASSWORD)
    again = set_disabled(records_db, user.id, True)  # by id; the first time stays
    assert again.disabled_at == first.disabled_at
    enabled = set_disabled(records_db, "dora", False)
    assert enabled.disabled_at is None and login(records_db, "dora", PASSWORD).id == user.id
    back = get_user(records_db, user.id)
    assert not back.session_is_current(signed_in) and not back.session_is_current(None)
    assert back.session_is_current(time.time())
    assert set_disabled(records_db, "nobody", True) is None
