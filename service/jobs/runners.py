"""How a stored chunk gets screened: one interface, two ways.

* :class:`QueueRunner` (``SCREENING_REDIS_URL`` set) enqueues the chunk as an RQ job
  for ``screening worker`` processes on any machine;
* :class:`~service.jobs.local.LocalRunner` (embedded default) screens it in a
  background thread of the API process.

Whoever splits an upload (:func:`service.jobs.submit.submit_batch`) only calls
``submit(batch_id, n)``; :func:`service.jobs.backend.open_backend` picks the runner.
"""

from __future__ import annotations

from typing import Protocol

JOB_TIMEOUT = 600
"""Seconds one chunk may take before RQ kills it (a 2,000-row chunk takes ~1 s)."""
CHUNK_RETRIES = 3


class ChunkRunner(Protocol):
    def submit(self, batch_id: str, n: int) -> object:
        """Have chunk ``n`` of the batch screened, now or later, at least once."""


class QueueRunner:
    """One RQ job per chunk; retried on failure and when its worker dies (abandoned)."""

    def __init__(self, queue, retention_seconds: int) -> None:
        self.queue = queue
        self.retention_seconds = retention_seconds

    def submit(self, batch_id: str, n: int) -> None:
        from rq import Callback, Retry

        self.queue.enqueue(
            "service.jobs.tasks.screen_chunk",
            batch_id,
            n,
            job_id=f"{batch_id}-{n}",
            retry=Retry(max=CHUNK_RETRIES),
            job_timeout=JOB_TIMEOUT,
            result_ttl=0,
            failure_ttl=self.retention_seconds,
            on_failure=Callback("service.jobs.tasks.chunk_failed"),
        )
