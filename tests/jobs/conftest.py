"""Real Redis (realparts.redis_url), DB 11 (flushed before and after each test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from realparts import clean_redis, redis_url
from redis import Redis

REDIS_URL = redis_url(11)


@pytest.fixture
def redis_conn() -> Iterator[Redis]:
    with clean_redis(REDIS_URL) as conn:
        yield conn


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
