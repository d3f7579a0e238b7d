"""Pick the batch backend from settings: Redis + RQ when ``redis_url`` is set, else SQLite."""

from __future__ import annotations

from service.jobs.store import BatchStore
from service.settings import Settings

QUEUE_SUFFIX = "batch-chunks"
JOB_TIMEOUT = 600
"""Seconds one chunk may take before RQ kills it (a 2,000-row chunk takes ~1 s)."""
CHUNK_RETRIES = 3


def uses_redis(settings: Settings) -> bool:
    return bool(settings.redis_url)


def redis_connection(settings: Settings):
    from redis import Redis

    return Redis.from_url(settings.redis_url)  # type: ignore[arg-type]


def queue_name(settings: Settings) -> str:
    """RQ keeps its own keys under ``rq:``; the queue name carries our prefix."""
    return f"{settings.redis_prefix}:{QUEUE_SUFFIX}"


def open_store(settings: Settings, redis=None) -> BatchStore:
    if uses_redis(settings):
        from service.jobs.redis_store import RedisBatchStore

        conn = redis or redis_connection(settings)
        return RedisBatchStore(conn, settings.redis_prefix, settings.batch_retention_seconds)
    from service.jobs.sqlite_store import SqliteBatchStore

    return SqliteBatchStore(
        settings.batches_path / "batches.sqlite", settings.batch_retention_seconds
    )


def open_queue(settings: Settings, redis=None):
    from rq import Queue

    return Queue(queue_name(settings), connection=redis or redis_connection(settings))


def enqueue_chunk(queue, batch_id: str, n: int, retention_seconds: int) -> None:
    """One RQ job per chunk; retried on failure and when its worker dies (abandoned)."""
    from rq import Callback, Retry

    queue.enqueue(
        "service.jobs.tasks.screen_chunk",
        batch_id,
        n,
        job_id=f"{batch_id}-{n}",
        retry=Retry(max=CHUNK_RETRIES),
        job_timeout=JOB_TIMEOUT,
        result_ttl=0,
        failure_ttl=retention_seconds,
        on_failure=Callback("service.jobs.tasks.chunk_failed"),
    )
