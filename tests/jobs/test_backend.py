"""One wiring function: the backend built from settings for the API, CLI and workers."""

from __future__ import annotations

from service.jobs.backend import open_backend, queue_name
from service.jobs.local import LocalRunner
from service.jobs.redis_store import RedisBatchStore
from service.jobs.runners import QueueRunner
from service.jobs.sqlite_store import SqliteBatchStore


def test_embedded_backend_screens_in_this_process(sqlite_settings) -> None:
    backend = open_backend(sqlite_settings, screener=lambda: None)
    try:
        assert isinstance(backend.store, SqliteBatchStore)
        assert isinstance(backend.runner, LocalRunner) and backend.screens_here
    finally:
        backend.runner.shutdown()


def test_embedded_backend_without_a_screener_only_stores(sqlite_settings) -> None:
    backend = open_backend(sqlite_settings)
    assert backend.runner is None and not backend.screens_here


def test_redis_backend_queues_chunks_for_workers(redis_settings, redis_conn) -> None:
    backend = open_backend(redis_settings, screener=lambda: None, redis=redis_conn)
    assert isinstance(backend.store, RedisBatchStore)
    assert isinstance(backend.runner, QueueRunner) and not backend.screens_here
    assert backend.runner.queue.name == queue_name(redis_settings) == "t-batch:batch-chunks"
