"""The store's engine and migrations on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from databases import postgres_url
from sqlalchemy import text

from service.records import (
    RecordsDatabase,
    SchemaBehind,
    current_revision,
    ensure_schema,
    head_revision,
    records_database,
)
from service.records.models import Base
from service.settings import Settings


def test_migrations_reach_head_and_match_the_models(records_db: RecordsDatabase) -> None:
    assert current_revision(records_db) == head_revision(records_db) is not None
    with records_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_sqlite_is_the_default_in_the_data_folder_in_wal_mode(tmp_path: Path) -> None:
    db = records_database(Settings(data_dir=tmp_path / "data"))
    ensure_schema(db)  # serve migrates the embedded store itself
    assert (tmp_path / "data" / "records.db").is_file()
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert current_revision(db) == head_revision(db)
    db.dispose()


def test_serve_refuses_a_postgres_schema_that_is_behind() -> None:
    with postgres_url() as url:
        db = RecordsDatabase(url)
        with pytest.raises(SchemaBehind, match="screening db upgrade"):
            ensure_schema(db)
        assert current_revision(db) is None  # nothing was migrated behind the operator
        db.dispose()


def test_the_password_never_appears_in_messages() -> None:
    db = RecordsDatabase("postgresql+psycopg://bank:hunter2@db.example:5432/records")
    assert "hunter2" not in db.redacted_url()
