"""The first revision goes up and comes down again on both databases."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from service.records import RecordsDatabase, current_revision
from service.records.db import alembic_config

TABLES = {
    "tenants",
    "api_keys",
    "users",
    "screenings",
    "idempotency_keys",
    "batches",
    "audit_events",
    "chain_heads",
    "checkpoints",
}


def test_upgrade_then_downgrade(records_db: RecordsDatabase) -> None:
    assert TABLES <= set(inspect(records_db.engine).get_table_names())
    config = alembic_config(records_db)
    with records_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert current_revision(records_db) is None
    assert not TABLES & set(inspect(records_db.engine).get_table_names())
