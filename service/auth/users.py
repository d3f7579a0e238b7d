"""Console users: Argon2 password hashes, a lock-out after repeated failed logins, and
disabling.

A disabled user cannot sign in, and since every console request looks the user up
again (:func:`get_user`), their open sessions stop working on the next request.
Disabling also moves ``sessions_valid_from`` on, so enabling the user again does not
revive a session cookie that was signed in before (:func:`session_is_current`).

A password is a low-entropy secret, so unlike API keys it gets a deliberately slow
hash (argon2-cffi's defaults). A login against an unknown name still verifies against
a dummy hash, so response time does not tell which names exist.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from service.auth.principal import Principal
from service.auth.roles import check_role
from service.auth.tenants import ensure_tenant
from service.records.canonical import now, utc
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import User

MIN_PASSWORD = 12
_hasher = PasswordHasher()
_DUMMY = _hasher.hash(secrets.token_hex(16))


class InvalidUser(ValueError):
    field = "name"


class LoginFailed(Exception):
    """Wrong name or password (deliberately not saying which)."""


class LockedOut(LoginFailed):
    """Too many failed logins: refused until ``until`` even with the right password."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


@dataclass(frozen=True)
class UserInfo:
    id: str
    name: str
    tenant: str
    role: str
    created_at: datetime
    locked_until: datetime | None
    disabled_at: datetime | None = None
    sessions_valid_from: datetime | None = None

    def session_is_current(self, signed_in_at: float | None) -> bool:
        """A session signed in at ``signed_in_at`` (epoch seconds) is still honoured."""
        if self.sessions_valid_from is None:
            return True
        return signed_in_at is not None and signed_in_at >= self.sessions_valid_from.timestamp()

    def principal(self) -> Principal:
        return Principal("user", self.id, self.tenant, self.role, self.name)


def create_user(
    db: RecordsDatabase, name: str, *, tenant: str, role: str, password: str
) -> UserInfo:
    check_role(role)
    if not name or len(name) > 200 or name != name.strip():
        raise InvalidUser("A user name is 1-200 characters without surrounding spaces.")
    if len(password) < MIN_PASSWORD:
        raise InvalidUser(f"A password needs at least {MIN_PASSWORD} characters.")
    row = User(
        id=f"usr_{secrets.token_hex(8)}",
        name=name,
        tenant=tenant,
        role=role,
        password_hash=_hasher.hash(password),
        created_at=now(),
        failed_logins=0,
    )
    with db.session() as session:
        if session.scalars(select(User).where(User.name == name)).first() is not None:
            raise InvalidUser(f"User {name!r} exists already.")
        ensure_tenant(session, tenant)
        session.add(row)
    return _info(row)


def list_users(db: RecordsDatabase, tenant: str | None = None) -> list[UserInfo]:
    query = select(User).order_by(User.name)
    if tenant:
        query = query.where(User.tenant == tenant)
    with db.session() as session:
        return [_info(row) for row in session.scalars(query)]


def get_user(db: RecordsDatabase, user_id: str) -> UserInfo | None:
    with db.session() as session:
        row = session.get(User, user_id)
        return None if row is None or row.disabled_at else _info(row)


def set_disabled(db: RecordsDatabase, ref: str, disabled: bool) -> UserInfo | None:
    """Disable (or enable again) the user named ``ref`` (or with that id); None if none.

    Disabling twice keeps the first time, so the record shows when access really ended.
    """
    with db.session() as session:
        row = session.scalars(
            select(User).where((User.name == ref) | (User.id == ref)).with_for_update()
        ).first()
        if row is None:
            return None
        if not disabled:
            row.disabled_at = None
        elif row.disabled_at is None:
            row.disabled_at = row.sessions_valid_from = now()
        return _info(row)


def login(
    db: RecordsDatabase,
    name: str,
    password: str,
    *,
    max_failures: int = 5,
    lockout: timedelta = timedelta(minutes=15),
) -> UserInfo:
    """Check a console login; count failures and lock the user out after ``max_failures``."""
    try:
        with db.session() as session:
            row = session.scalars(select(User).where(User.name == name).with_for_update()).first()
            if row is None or row.disabled_at is not None:
                _verify(_DUMMY, password)
                raise LoginFailed("unknown user")
            at = now()
            if row.locked_until is not None and utc(row.locked_until) > at:
                raise LockedOut(utc(row.locked_until))
            ok = _verify(row.password_hash, password)
            if ok:
                row.failed_logins, row.locked_until = 0, None
                if _hasher.check_needs_rehash(row.password_hash):
                    row.password_hash = _hasher.hash(password)
            else:
                row.failed_logins += 1
                if row.failed_logins >= max_failures:
                    row.locked_until, row.failed_logins = at + lockout, 0
            info = _info(row)
        # The failure count is committed above; only now is the failure raised.
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"logins cannot be checked: {exc}") from exc
    if ok:
        return info
    if info.locked_until is not None:
        raise LockedOut(utc(info.locked_until))
    raise LoginFailed("wrong password")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _info(row: User) -> UserInfo:
    return UserInfo(
        row.id,
        row.name,
        row.tenant,
        row.role,
        row.created_at,
        row.locked_until,
        row.disabled_at and utc(row.disabled_at),
        row.sessions_valid_from and utc(row.sessions_valid_from),
    )
