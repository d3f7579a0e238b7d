"""Real Redis (realparts.redis_url), DB 11 (flushed before and after each test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from realparts import missing, redis_url
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

REDIS_URL = redis_url(11)


@pytest.fixture
def redis_conn() -> Iterator[Redis]:
    conn = Redis.from_url(REDIS_URL)
    try:
        conn.ping()
    except RedisConnectionError:
        missing(f"no Redis at {REDIS_URL} (.ci/run starts one)")
    conn.flushdb()
    yield conn
    conn.flushdb()


@pytest.fixture
def redis_settings(settings, redis_conn):
    """Workers read the records store (batch owners, alerts): it is migrated, as in a
    deployment (``screening db upgrade``, or ``serve`` on SQLite)."""
    from service.records import records_database, upgrade

    db = records_database(settings)
    upgrade(db)
    db.dispose()
    return settings.with_(redis_url=REDIS_URL, redis_prefix="t-batch", batch_chunk_rows=3)


@pytest.fixture
def sqlite_settings(settings, tmp_path: Path):
    return settings.with_(batch_dir=tmp_path / "batches", batch_chunk_rows=3)
