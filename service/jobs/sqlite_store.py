"""Batch data in one SQLite file, for the embedded mode without Redis.

All gunicorn workers of one machine share the file, so any of them can answer
``GET /v1/batches/{id}`` for a batch another one is running. WAL mode lets the
runner write while the API reads; ``complete_chunk`` is one transaction whose
``INSERT OR IGNORE`` makes a repeated completion a no-op.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from service.batch.outcome import RowOutcome
from service.batch.table import InputRow
from service.jobs.store import (
    ACTIVE_STATES,
    BatchInfo,
    BatchStatus,
    decision_counts,
    decode_outcomes,
    decode_rows,
    encode_outcomes,
    encode_rows,
    versions_key,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY, info TEXT NOT NULL, state TEXT NOT NULL, error TEXT,
  ingested INTEGER NOT NULL DEFAULT 0, chunks_total INTEGER NOT NULL DEFAULT 0,
  rows_total INTEGER, rows_done INTEGER NOT NULL DEFAULT 0, decisions TEXT NOT NULL DEFAULT '{}',
  versions TEXT NOT NULL DEFAULT '[]', started_at REAL, finished_at REAL, expires_at REAL NOT NULL,
  updated_at REAL
);
CREATE TABLE IF NOT EXISTS chunks_in (batch TEXT, n INTEGER, payload BLOB, PRIMARY KEY (batch, n));
CREATE TABLE IF NOT EXISTS chunks_out (batch TEXT, n INTEGER, payload BLOB, PRIMARY KEY (batch, n));
"""


class SqliteBatchStore:
    def __init__(self, path: Path, retention_seconds: int) -> None:
        self.path = Path(path)
        self.retention_seconds = retention_seconds
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        conn = self._conn()
        conn.executescript(_SCHEMA)
        with contextlib.suppress(sqlite3.OperationalError):  # a file from before the column
            conn.execute("ALTER TABLE batches ADD COLUMN updated_at REAL")

    def _conn(self) -> sqlite3.Connection:
        """One connection per thread (sqlite3 connections are not thread-safe)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def _db(self) -> _Tx:
        return _Tx(self._conn())

    def create(self, info: BatchInfo) -> None:
        now = time.time()
        with self._db() as db:
            self._purge_expired(db, now)
            db.execute(
                "INSERT INTO batches (id, info, state, expires_at, updated_at)"
                " VALUES (?, ?, 'queued', ?, ?)",
                (info.id, info.to_json(), now + self.retention_seconds, now),
            )

    def put_chunk(self, batch_id: str, n: int, rows: Sequence[InputRow]) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO chunks_in VALUES (?, ?, ?)",
                (batch_id, n, encode_rows(rows)),
            )
            db.execute("UPDATE batches SET updated_at = ? WHERE id = ?", (time.time(), batch_id))

    def finish_ingest(self, batch_id: str, chunks_total: int, rows_total: int) -> None:
        with self._db() as db:
            db.execute(
                "UPDATE batches SET ingested = 1, chunks_total = ?, rows_total = ?, updated_at = ?"
                " WHERE id = ?",
                (chunks_total, rows_total, time.time(), batch_id),
            )
            self._finish_if_complete(db, batch_id)

    def status(self, batch_id: str) -> BatchStatus | None:
        with self._db() as db:
            row = db.execute(
                "SELECT info, state, ingested, chunks_total, rows_total, rows_done, decisions,"
                " versions, started_at, finished_at, error, expires_at FROM batches WHERE id = ?",
                (batch_id,),
            ).fetchone()
            if row is None or row[11] < time.time():
                return None
            done = db.execute("SELECT COUNT(*) FROM chunks_out WHERE batch = ?", (batch_id,))
            chunks_done = done.fetchone()[0]
        return BatchStatus(
            info=BatchInfo.from_json(row[0]),
            state=row[1],
            ingested=bool(row[2]),
            chunks_total=row[3],
            chunks_done=chunks_done,
            rows_total=row[4],
            rows_done=row[5],
            decisions=json.loads(row[6]),
            started_at=row[8],
            finished_at=row[9],
            list_versions=[json.loads(v) for v in sorted(json.loads(row[7]))],
            error=row[10],
        )

    def chunk(self, batch_id: str, n: int) -> list[InputRow] | None:
        payload = self._payload("chunks_in", batch_id, n)
        return None if payload is None else decode_rows(payload)

    def _payload(self, table: str, batch_id: str, n: int) -> bytes | None:
        """Chunk ``n`` of ``chunks_in`` or ``chunks_out`` (a fixed name, never user input)."""
        with self._db() as db:
            row = db.execute(
                f"SELECT payload FROM {table} WHERE batch = ? AND n = ?", (batch_id, n)
            ).fetchone()
        return None if row is None else row[0]

    def mark_running(self, batch_id: str) -> bool:
        with self._db() as db:
            row = db.execute("SELECT state FROM batches WHERE id = ?", (batch_id,)).fetchone()
            if row is None or row[0] not in ACTIVE_STATES:
                return False
            db.execute(
                "UPDATE batches SET state = 'running', started_at = COALESCE(started_at, ?)"
                " WHERE id = ? AND state = 'queued'",
                (time.time(), batch_id),
            )
        return True

    def complete_chunk(
        self, batch_id: str, n: int, outcomes: Sequence[RowOutcome], versions: Mapping[str, str]
    ) -> bool:
        with self._db() as db:
            row = db.execute(
                "SELECT decisions, versions FROM batches WHERE id = ?", (batch_id,)
            ).fetchone()
            if row is None:
                return False
            cur = db.execute(
                "INSERT OR IGNORE INTO chunks_out VALUES (?, ?, ?)",
                (batch_id, n, encode_outcomes(outcomes)),
            )
            if cur.rowcount != 1:
                return False
            decisions = json.loads(row[0])
            for d, c in decision_counts(outcomes).items():
                decisions[d] = decisions.get(d, 0) + c
            seen = json.loads(row[1])
            if versions and versions_key(versions) not in seen:
                seen.append(versions_key(versions))
            db.execute(
                "UPDATE batches SET rows_done = rows_done + ?, decisions = ?, versions = ?,"
                " updated_at = ? WHERE id = ?",
                (len(outcomes), json.dumps(decisions), json.dumps(seen), time.time(), batch_id),
            )
            self._finish_if_complete(db, batch_id)
        return True

    def results(self, batch_id: str, n: int) -> list[RowOutcome] | None:
        payload = self._payload("chunks_out", batch_id, n)
        return None if payload is None else decode_outcomes(payload)

    def set_state(self, batch_id: str, state: str, error: str | None = None) -> bool:
        with self._db() as db:
            cur = db.execute(
                "UPDATE batches SET state = ?, error = COALESCE(?, error), finished_at = ?"
                " WHERE id = ? AND state IN ('queued', 'running')",
                (state, error, time.time(), batch_id),
            )
        return cur.rowcount == 1

    def delete(self, batch_id: str) -> bool:
        with self._db() as db:
            return self._delete(db, batch_id)

    def claim_stalled(self, idle_seconds: float) -> list[tuple[str, list[int]]]:
        """Active batches without progress for ``idle_seconds``: the process running them
        died or was replaced. Each is claimed (its clock reset, so one claimer wins) and
        returned with its chunks still to do. A stalled upload is failed instead."""
        now = time.time()
        claimed: list[tuple[str, list[int]]] = []
        with self._db() as db:
            stalled = db.execute(
                "SELECT id, ingested FROM batches WHERE state IN ('queued', 'running')"
                " AND updated_at < ? AND expires_at > ?",
                (now - idle_seconds, now),
            ).fetchall()
            for batch_id, ingested in stalled:
                if not ingested:
                    db.execute(
                        "UPDATE batches SET state = 'failed', finished_at = ?,"
                        " error = 'the upload was interrupted' WHERE id = ?",
                        (now, batch_id),
                    )
                    continue
                db.execute("UPDATE batches SET updated_at = ? WHERE id = ?", (now, batch_id))
                todo = db.execute(
                    "SELECT n FROM chunks_in WHERE batch = ? AND n NOT IN"
                    " (SELECT n FROM chunks_out WHERE batch = ?) ORDER BY n",
                    (batch_id, batch_id),
                ).fetchall()
                claimed.append((batch_id, [n for (n,) in todo]))
        return claimed

    def _delete(self, db: sqlite3.Connection, batch_id: str) -> bool:
        cur = db.execute("DELETE FROM batches WHERE id = ?", (batch_id,))
        db.execute("DELETE FROM chunks_in WHERE batch = ?", (batch_id,))
        db.execute("DELETE FROM chunks_out WHERE batch = ?", (batch_id,))
        return cur.rowcount == 1

    def _purge_expired(self, db: sqlite3.Connection, now: float) -> None:
        for (batch_id,) in db.execute(
            "SELECT id FROM batches WHERE expires_at < ?", (now,)
        ).fetchall():
            self._delete(db, batch_id)

    def _finish_if_complete(self, db: sqlite3.Connection, batch_id: str) -> None:
        now = time.time()
        db.execute(
            "UPDATE batches SET state = 'done', finished_at = ?, expires_at = ?,"
            " started_at = COALESCE(started_at, ?)"
            " WHERE id = ? AND ingested = 1 AND state IN ('queued', 'running')"
            " AND chunks_total = (SELECT COUNT(*) FROM chunks_out WHERE batch = ?)",
            (now, now + self.retention_seconds, now, batch_id, batch_id),
        )


class _Tx:
    """``with store._db() as db``: one IMMEDIATE transaction, committed or rolled back."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
