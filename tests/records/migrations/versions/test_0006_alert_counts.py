"""The alert counts revision, on a fresh SQLite and a fresh PostgreSQL database: going up
from 0005 it counts the alerts already on record per tenant, status and priority rank;
going down drops the table and leaves the alerts as they were."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from databases import BACKENDS, database_url
from sqlalchemy import insert, inspect, select

from service.records import RecordsDatabase, current_revision
from service.records.canonical import now
from service.records.db import alembic_config
from service.records.models import Alert, AlertCount


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


def alert(i: int, tenant: str, status: str, rank: int) -> dict[str, object]:
    at = now()
    return {
        "alert_id": f"alr_{tenant}_{i}", "tenant": tenant, "screening_id": f"scr_{i}",
        "source": "screen", "subject_name": f"SUBJECT {i}", "subject_key": f"s{i}",
        "match_key": f"m{i}", "decision": "review", "priority": "medium",
        "priority_rank": rank, "lists": " test_list ", "matches": "[]", "rule_hits": "[]",
        "status": status, "created_at": at, "due_at": at + timedelta(hours=24),
        "updated_at": at, "screenings": 1,
    }  # fmt: skip


def test_upgrade_counts_the_alerts_on_record_then_downgrade(fresh: RecordsDatabase) -> None:
    migrate(fresh, "upgrade", "0005_customers")
    rows = [
        alert(0, "acme", "open", 0), alert(1, "acme", "open", 0), alert(2, "acme", "open", 1),
        alert(3, "acme", "closed", 1), alert(4, "globex", "in_review", 2),
    ]  # fmt: skip
    with fresh.engine.begin() as connection:
        connection.execute(insert(Alert), rows)

    migrate(fresh, "upgrade", "0006_alert_counts")
    assert current_revision(fresh) == "0006_alert_counts"
    schema = inspect(fresh.engine)
    assert {c["name"] for c in schema.get_columns("alert_counts")} == set(
        AlertCount.__table__.columns.keys()
    )
    assert schema.get_pk_constraint("alert_counts")["constrained_columns"] == [
        "tenant", "status", "priority_rank",
    ]  # fmt: skip
    with fresh.engine.connect() as connection:
        counted = set(connection.execute(select(AlertCount.__table__)).all())
    assert counted == {
        ("acme", "open", 0, 2), ("acme", "open", 1, 1), ("acme", "closed", 1, 1),
        ("globex", "in_review", 2, 1),
    }  # fmt: skip

    migrate(fresh, "downgrade", "0005_customers")
    assert current_revision(fresh) == "0005_customers"
    assert "alert_counts" not in inspect(fresh.engine).get_table_names()
    with fresh.engine.connect() as connection:
        assert len(connection.execute(select(Alert.alert_id)).all()) == len(rows)
