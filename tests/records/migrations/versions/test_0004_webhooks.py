"""The webhooks revision goes down to the one before it and up again, on both databases."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from service.records import RecordsDatabase, current_revision, head_revision, upgrade
from service.records.db import alembic_config

TABLES = {"webhooks", "webhook_deliveries", "webhook_attempts"}


def test_downgrade_below_webhooks_and_upgrade_again(records_db: RecordsDatabase) -> None:
    assert TABLES <= set(inspect(records_db.engine).get_table_names())
    config = alembic_config(records_db)
    with records_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003_user_sessions")
    assert current_revision(records_db) == "0003_user_sessions"
    names = set(inspect(records_db.engine).get_table_names())
    assert not TABLES & names and "alerts" in names
    assert upgrade(records_db) == head_revision(records_db)
    assert TABLES <= set(inspect(records_db.engine).get_table_names())
