"""The ``screening worker`` process: lists loaded once, then chunks taken from RQ.

We use RQ's ``SimpleWorker`` (jobs run in the worker process itself) rather than
forking a work horse per job: the catalog is loaded before the first job either
way, but a fork per 2,000-row chunk would copy the pages Python's reference
counting touches in the index, every time. Run one worker per core.

A worker killed mid-chunk leaves the job in RQ's started registry; once its
heartbeat (``abandon_after`` seconds) expires, the next maintenance pass of any
surviving worker requeues it (``Retry``), and the idempotent result write makes
the second run count once.
"""

from __future__ import annotations

import gc
import logging

from rq import SimpleWorker
from rq.executions import Execution

from service.jobs.backend import open_queue, redis_connection
from service.jobs.tasks import preload
from service.settings import Settings

log = logging.getLogger(__name__)


class BatchWorker(SimpleWorker):
    """SimpleWorker whose started-job heartbeat lasts ``abandon_after`` seconds."""

    abandon_after = 90

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        return self.abandon_after

    def execute_job(self, job, queue):
        forget_dead_executions(job)
        return super().execute_job(job, queue)


def forget_dead_executions(job) -> None:
    """Drop the record of an execution whose worker died (its hash has expired).

    RQ 3.0 keeps such an execution in the job's execution registry for 60 s longer
    than its hash; finishing the retried job then fails with "Execution ... not found
    in Redis", and the retry would be counted as a failure of the chunk.
    """
    registry = job.execution_registry
    for execution_id in registry.get_execution_ids():
        try:
            Execution.fetch(id=execution_id, job_id=job.id, connection=job.connection)
        except ValueError:
            job.connection.zrem(registry.key, execution_id)


def run_worker(
    settings: Settings,
    *,
    burst: bool = False,
    name: str | None = None,
    abandon_after: int = 90,
    maintenance_interval: int = 30,
    catalog=None,
) -> bool:
    """Preload the catalog, then work the batch queue until stopped (or empty, in burst)."""
    redis = redis_connection(settings)
    ctx = preload(settings, catalog=catalog, redis=redis)
    gc.freeze()  # what is loaded now stays out of the collector's scans
    log.info("worker ready: %s lists loaded", len(getattr(ctx.catalog, "snapshots", {}) or {}))
    worker = BatchWorker(
        [open_queue(settings, redis)],
        connection=redis,
        name=name,
        maintenance_interval=maintenance_interval,
        # RQ blocks on an empty queue for worker_ttl - 15 s and only checks for
        # abandoned chunks between blocks: keep that wait to the maintenance interval.
        worker_ttl=maintenance_interval + 15,
    )
    worker.abandon_after = abandon_after
    return worker.work(burst=burst, with_scheduler=False)
