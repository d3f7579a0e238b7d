"""The customer book revision goes down to 0004 and up again on both databases, and the
migrated tables are the models' tables."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from service.records import RecordsDatabase, current_revision
from service.records.db import alembic_config
from service.records.models import Customer, MonitoringRun

TABLES = {"customers", "monitoring_runs"}


def test_downgrade_below_customers_then_upgrade(records_db: RecordsDatabase) -> None:
    inspector = inspect(records_db.engine)
    for model in (Customer, MonitoringRun):
        columns = {c["name"] for c in inspector.get_columns(model.__tablename__)}
        assert columns == set(model.__table__.columns.keys())
    config = alembic_config(records_db)
    with records_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004_webhooks")
    assert current_revision(records_db) == "0004_webhooks"
    assert not TABLES & set(inspect(records_db.engine).get_table_names())
    with records_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert TABLES <= set(inspect(records_db.engine).get_table_names())
