"""The users' session cut-off column comes and goes with its revision on both databases."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from service.records import RecordsDatabase, current_revision
from service.records.db import alembic_config


def _user_columns(db: RecordsDatabase) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns("users")}


def test_upgrade_adds_and_downgrade_drops_the_cut_off(records_db: RecordsDatabase) -> None:
    assert "sessions_valid_from" in _user_columns(records_db)
    config = alembic_config(records_db)
    with records_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002_alerts")
    assert current_revision(records_db) == "0002_alerts"
    assert "sessions_valid_from" not in _user_columns(records_db)
    assert "disabled_at" in _user_columns(records_db)
