"""The batch backend built from settings, in one place for the API, the CLI and workers.

Redis + RQ when ``redis_url`` is set, else SQLite and a thread in the API process.
:func:`open_backend` is the wiring; the other functions are its parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from service.jobs.runners import ChunkRunner, QueueRunner
from service.jobs.store import BatchStore
from service.settings import Settings

QUEUE_SUFFIX = "batch-chunks"


@dataclass
class BatchBackend:
    """Where batches live and how their chunks are run."""

    store: BatchStore
    runner: ChunkRunner | None
    """``None`` for a backend that only reads and writes batches (an RQ worker)."""

    @property
    def screens_here(self) -> bool:
        """True when chunks run in this process, which then needs loaded lists."""
        from service.jobs.local import LocalRunner

        return isinstance(self.runner, LocalRunner)


def open_backend(settings: Settings, screener: Callable[[], object] | None = None, redis=None):
    """The store, and a runner unless ``screener`` is None and Redis is not used.

    With Redis, chunks are enqueued for ``screening worker``. Without it, a
    :class:`~service.jobs.local.LocalRunner` screens them with ``screener()`` (the
    screener to use now, so a list reload is picked up by the next chunk).
    """
    store = open_store(settings, redis)
    if uses_redis(settings):
        queue = open_queue(settings, redis)
        return BatchBackend(store, QueueRunner(queue, settings.batch_retention_seconds))
    if screener is None:
        return BatchBackend(store, None)
    from service.alerts.batch import batch_alerts
    from service.jobs.chunk import record_when_done
    from service.jobs.local import LocalRunner

    runner = LocalRunner(
        store, screener, on_done=record_when_done(settings), review=batch_alerts(settings)
    )
    return BatchBackend(store, runner)


REDIS_TIMEOUT = 5.0
"""Seconds to connect to Redis: an unreachable host fails a request, never hangs it."""


def backend_down_errors() -> tuple[type[Exception], ...]:
    """What a lost batch backend raises (Redis unreachable or timing out): the HTTP layer
    answers these with 503 and ``Retry-After``, never 500."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (RedisConnectionError, RedisTimeoutError)


def backend_health(settings: Settings, redis=None) -> str:
    """``ok``, or ``degraded: <why>`` when the Redis batches need does not answer."""
    if not uses_redis(settings):
        return "ok"
    try:
        (redis or redis_connection(settings)).ping()
    except backend_down_errors() as exc:
        return f"degraded: Redis unreachable ({exc})"
    return "ok"


def uses_redis(settings: Settings) -> bool:
    return bool(settings.redis_url)


def redis_connection(settings: Settings):
    from redis import Redis

    return Redis.from_url(settings.redis_url, socket_connect_timeout=REDIS_TIMEOUT)  # type: ignore[arg-type]


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
