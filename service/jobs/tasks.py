"""RQ job functions. They use the screener the worker loaded before taking jobs.

``screening worker`` calls :func:`preload` once at start; a job then finds the
screener in this module. A worker that was not preloaded (e.g. a plain ``rq
worker``) loads it on its first job, still once per process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from service.jobs.backend import open_backend
from service.jobs.chunk import record_when_done, run_chunk
from service.jobs.store import BatchStatus, BatchStore
from service.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerContext:
    settings: Settings
    screener: object
    store: BatchStore
    catalog: object
    on_done: Callable[[BatchStatus], None] | None = None
    """Puts a finished batch's outcome on record (``chunk.record_when_done``)."""


_CONTEXT: WorkerContext | None = None


def preload(settings: Settings, catalog=None, redis=None) -> WorkerContext:
    """Load the lists and build the matcher once for this process (and its forks)."""
    global _CONTEXT
    from service.screening import Screener

    if catalog is None:
        from service.store import load_catalog

        catalog = load_catalog(settings)
    _CONTEXT = WorkerContext(
        settings,
        Screener(catalog, settings),
        open_backend(settings, redis=redis).store,
        catalog,
        record_when_done(settings),
    )
    return _CONTEXT


def context() -> WorkerContext:
    return _CONTEXT or preload(Settings.from_env())


def screen_chunk(batch_id: str, n: int) -> str:
    ctx = context()
    return run_chunk(ctx.store, ctx.screener, batch_id, n, ctx.on_done)


def chunk_failed(job, connection, exc_type, exc_value, traceback) -> None:
    """RQ failure callback: once a chunk has no retries left, the batch has failed."""
    if job.retries_left:
        return
    batch_id, n = job.args
    reason = f"chunk {n} failed after retries: {exc_type.__name__}: {exc_value}"
    log.error("batch %s failed: %s", batch_id, reason)
    context().store.set_state(batch_id, "failed", reason)
