"""The Alembic environment also runs on its own connection (the ``alembic`` command)."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from service.records import RecordsDatabase, current_revision, head_revision
from service.records.db import alembic_config


def test_env_connects_by_itself_when_given_no_connection(tmp_path: Path) -> None:
    db = RecordsDatabase(f"sqlite:///{tmp_path / 'records.db'}")
    command.upgrade(alembic_config(db), "head")  # no connection attribute: env.py's own
    assert current_revision(db) == head_revision(db)
    db.dispose()
