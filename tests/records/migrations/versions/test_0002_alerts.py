"""The alerts revision goes up from the records revision and down again, on a fresh
SQLite and a fresh PostgreSQL database: the three tables, their columns and the indexes
the queue and the screening path read through."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from databases import BACKENDS, database_url
from sqlalchemy import inspect

from service.records import RecordsDatabase, current_revision
from service.records.db import alembic_config

INDEXES = {
    "alerts": {
        "ix_alerts_queue": ["tenant", "status", "priority_rank", "due_at", "id"],
        "ix_alerts_order": ["tenant", "priority_rank", "due_at", "id"],
        "ix_alerts_subject": ["tenant", "subject_key", "match_key", "status"],
    },
    "suppressions": {"ix_suppressions_subject": ["tenant", "subject_key"]},
    "alert_policies": {},
}
COLUMNS = {
    "alerts": {
        "alert_id", "tenant", "screening_id", "source", "subject_name", "customer_id",
        "subject_key", "match_key", "decision", "priority", "priority_rank", "lists",
        "matches", "rule_hits", "changes", "status", "assignee", "due_at", "outcome",
    },
    "suppressions": {
        "suppression_id", "tenant", "subject_key", "list", "source_id", "fingerprint",
        "facets", "alert_id", "decided_by", "approved_by", "expires_at", "revoked_at",
    },
    "alert_policies": {"tenant", "approval"},
}  # fmt: skip


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RecordsDatabase]:
    with database_url(request.param, tmp_path) as url:
        db = RecordsDatabase(url)
        yield db
        db.dispose()


def migrate(db: RecordsDatabase, how: str, revision: str) -> None:
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, how)(config, revision)


def test_upgrade_to_alerts_then_back_to_records(fresh: RecordsDatabase) -> None:
    migrate(fresh, "upgrade", "0001_records")
    before = set(inspect(fresh.engine).get_table_names())
    assert not set(COLUMNS) & before

    migrate(fresh, "upgrade", "0002_alerts")
    assert current_revision(fresh) == "0002_alerts"
    schema = inspect(fresh.engine)
    for table, columns in COLUMNS.items():
        assert columns <= {c["name"] for c in schema.get_columns(table)}, table
        indexes = {i["name"]: i["column_names"] for i in schema.get_indexes(table)}
        assert {n: indexes.get(n) for n in INDEXES[table]} == INDEXES[table]
    for table, key in (("alerts", "alert_id"), ("suppressions", "suppression_id")):
        assert [key] in [u["column_names"] for u in schema.get_unique_constraints(table)]
    assert schema.get_pk_constraint("alert_policies")["constrained_columns"] == ["tenant"]
    nullable = {c["name"]: c["nullable"] for c in schema.get_columns("suppressions")}
    assert (nullable["fingerprint"], nullable["revoked_at"]) == (False, True)

    migrate(fresh, "downgrade", "0001_records")
    assert current_revision(fresh) == "0001_records"
    assert set(inspect(fresh.engine).get_table_names()) == before
