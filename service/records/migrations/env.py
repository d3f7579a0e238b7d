"""Alembic environment: migrate the connection :func:`service.records.db.upgrade` passes.

Run from the command line (``alembic -c ...``) it connects to ``sqlalchemy.url`` itself.
SQLite cannot alter most columns in place, hence batch mode there.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from service.records.models import Base

config = context.config


def _run(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as own:
        _run(own)
        own.commit()
