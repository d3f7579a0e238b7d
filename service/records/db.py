"""The records database: one engine per process, and its Alembic migrations.

SQLite (the embedded default) runs in WAL mode so readers never wait for the writer.
Engines are made lazily per process id: gunicorn forks workers
from a preloaded master, and a connection must never cross a fork.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaBehind(RuntimeError):
    """The database's schema is older than this code; the message says what to run."""


class RecordsUnavailable(RuntimeError):
    """The records store cannot be read or written; screening must not answer."""


class RecordsDatabase:
    """A database URL and, per process, its engine and session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None

    @property
    def is_sqlite(self) -> bool:
        return make_url(self.url).get_backend_name() == "sqlite"

    @property
    def engine(self) -> Engine:
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._engine = _make_engine(self.url)
                    self._sessions = sessionmaker(self._engine, expire_on_commit=False)
                    self._pid = os.getpid()
        assert self._engine is not None
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        self.engine  # noqa: B018 - makes the per-process factory
        assert self._sessions is not None
        with self._sessions.begin() as session:
            yield session

    def ping(self) -> None:
        """One round trip; raises :class:`RecordsUnavailable` when the store cannot answer."""
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise RecordsUnavailable(f"the records store does not answer: {exc}") from exc

    def dispose(self) -> None:
        if self._engine is not None and self._pid == os.getpid():
            self._engine.dispose()
        self._engine = self._sessions = self._pid = None

    def redacted_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # No pre-ping: it would cost a round trip per screening. A connection the server
        # dropped fails its statement (a 503, never an unrecorded answer) and SQLAlchemy
        # then discards the whole pool, so the next request connects afresh.
        return create_engine(url, pool_size=5, max_overflow=10)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; WAL keeps order
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# --- migrations ----------------------------------------------------------------------------


def alembic_config(db: RecordsDatabase) -> Config:
    """Alembic's configuration, built in code: an installed wheel has no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def head_revision(db: RecordsDatabase) -> str | None:
    return ScriptDirectory.from_config(alembic_config(db)).get_current_head()


def current_revision(db: RecordsDatabase) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: RecordsDatabase) -> str | None:
    """Apply every pending migration; returns the revision the database is now at."""
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return current_revision(db)


def ensure_schema(db: RecordsDatabase) -> None:
    """At ``serve``: migrate the embedded SQLite; refuse a PostgreSQL schema that is behind.

    A shared PostgreSQL is migrated by an operator on purpose (several API and worker
    processes must not race to alter it), so ``serve`` only checks it.
    """
    if db.is_sqlite:
        upgrade(db)
        return
    current, head = current_revision(db), head_revision(db)
    if current != head:
        raise SchemaBehind(
            f"the records database {db.redacted_url()} is at schema revision "
            f"{current or 'none'}, this version needs {head}: run `screening db upgrade`"
        )
