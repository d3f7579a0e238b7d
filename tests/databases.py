"""Records databases for tests: SQLite in a temporary folder, or a PostgreSQL database of
the test's own on the real server (created here, dropped after).

A plain module (``from databases import ...``). PostgreSQL databases are named
``<SCREENING_TEST_DB_PREFIX>_<random>`` (default prefix ``screening_test``), so several
checkouts sharing one server never touch each other's databases.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from realparts import POSTGRES_BASE, missing
from sqlalchemy.engine import make_url

from service.records import RecordsDatabase, upgrade

DB_PREFIX = os.environ.get("SCREENING_TEST_DB_PREFIX", "screening_test")
BACKENDS = ("sqlite", "postgresql")


def _admin_dsn(database: str) -> str:
    url = make_url(POSTGRES_BASE).set(drivername="postgresql", database=database)
    return url.render_as_string(hide_password=False)


@contextmanager
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    import psycopg

    name = f"{DB_PREFIX}_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(_admin_dsn("postgres"), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        missing(f"PostgreSQL is not reachable at {POSTGRES_BASE}: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(POSTGRES_BASE).set(database=name).render_as_string(hide_password=False)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_url(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'records.db'}"
    else:
        with postgres_url() as url:
            yield url


@contextmanager
def migrated_database(backend: str, folder: Path) -> Iterator[RecordsDatabase]:
    """A records database at the current schema, on ``backend``."""
    with database_url(backend, folder) as url:
        db = RecordsDatabase(url)
        upgrade(db)
        try:
            yield db
        finally:
            db.dispose()
