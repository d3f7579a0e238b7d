"""First start: with no key and no user, create tenant ``default`` and an admin key.

Containers and scripts set ``SCREENING_BOOTSTRAP_KEY`` to know the key in advance;
otherwise a random key is written to an owner-only file in the data folder and the log
names the file (never the key). Once any key or user exists this does nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from service.auth.keys import create_key
from service.auth.principal import DEFAULT_TENANT
from service.auth.roles import ADMIN
from service.records.db import RecordsDatabase
from service.records.models import ApiKey, User
from service.records.secret import write_private
from service.settings import Settings

KEY_FILE = "bootstrap-admin-key"

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Bootstrapped:
    key_id: str
    key_file: Path | None
    """Where the random key was written; ``None`` when it came from the environment."""


def has_credentials(db: RecordsDatabase) -> bool:
    with db.session() as session:
        keys = session.scalar(select(func.count()).select_from(ApiKey))
        users = session.scalar(select(func.count()).select_from(User))
        return bool(keys or users)


def bootstrap(db: RecordsDatabase, settings: Settings, secret: bytes) -> Bootstrapped | None:
    """Create the first admin key if nobody could log in yet; ``None`` otherwise."""
    if has_credentials(db):
        return None
    info, value = create_key(
        db,
        secret,
        tenant=DEFAULT_TENANT,
        role=ADMIN,
        name="bootstrap admin",
        created_by="bootstrap",
        value=settings.bootstrap_key or None,
    )
    if settings.bootstrap_key:
        _log.warning(
            "first start: admin key %s for tenant %s is SCREENING_BOOTSTRAP_KEY",
            info.id,
            DEFAULT_TENANT,
        )
        return Bootstrapped(info.id, None)
    path = settings.data_dir / KEY_FILE
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a stale file from an earlier database
    write_private(path, value + "\n")
    _log.warning(
        "first start: admin key %s for tenant %s written to %s (readable by its owner only)",
        info.id,
        DEFAULT_TENANT,
        path,
    )
    return Bootstrapped(info.id, path)
