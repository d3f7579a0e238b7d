"""The ``screening worker`` process: lists loaded once, then chunks taken from RQ.

It also delivers webhooks: their queue (taken first: an attempt is short and someone is
waiting for it) and, in a thread, the sweep for retries and for deliveries a killed
worker held (:mod:`service.webhooks.dispatch`).

We use RQ's ``SimpleWorker`` (jobs run in the worker process itself) rather than
forking a work horse per job: the catalog is loaded before the first job either
way, but a fork per 2,000-row chunk would copy the pages Python's reference
counting touches in the index, every time. Run one worker process per core:
``--processes N`` loads the lists once and forks N workers that share them.

A worker killed mid-chunk leaves the job in RQ's started registry; once its
heartbeat (``abandon_after`` seconds, renewed while the chunk runs) expires, the
next maintenance pass of any surviving worker requeues it (``Retry``), and the
idempotent result write makes the second run count once.
"""

from __future__ import annotations

import logging
import os
import threading

from rq import Queue, SimpleWorker
from rq.executions import Execution
from rq.worker import WorkerStatus

from service.jobs.backend import open_queue, redis_connection
from service.jobs.tasks import preload
from service.processes import freeze_heap, supervise
from service.settings import Settings
from service.webhooks import dispatch
from service.webhooks import tasks as webhook_tasks

log = logging.getLogger(__name__)


class BatchWorker(SimpleWorker):
    """SimpleWorker whose started-job heartbeat lasts ``abandon_after`` seconds."""

    abandon_after = 90

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        return self.abandon_after

    def execute_job(self, job, queue):
        """SimpleWorker.execute_job plus a heartbeat while the chunk runs, so a slow chunk
        on a busy machine is never mistaken for one whose worker died."""
        forget_dead_executions(job)
        execution = self.prepare_execution(job)
        stop = threading.Event()
        beat = threading.Thread(target=self._beat, args=(job, execution, stop), daemon=True)
        beat.start()
        try:
            self.perform_job(job, queue, execution)
        finally:
            stop.set()
            beat.join()
        self.set_state(WorkerStatus.IDLE)

    def _beat(self, job, execution, stop: threading.Event) -> None:
        while not stop.wait(max(self.abandon_after / 3, 0.5)):
            try:
                with self.connection.pipeline() as pipeline:
                    execution.heartbeat(job.started_job_registry, self.abandon_after, pipeline)
                    pipeline.execute()
            except Exception:  # a missed beat only risks a harmless duplicate run
                log.warning("heartbeat for %s failed", job.id, exc_info=True)


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
    processes: int = 1,
    burst: bool = False,
    name: str | None = None,
    abandon_after: int = 90,
    maintenance_interval: int = 30,
    catalog=None,
) -> bool:
    """Load the catalog once, then work the batch queue until stopped (or empty, in burst).

    With ``processes`` > 1 the loaded process forks that many workers, which share the
    index copy-on-write (one load, one copy of the lists per machine).
    """
    ctx = preload(settings, catalog=catalog)
    freeze_heap()  # what is loaded now stays out of the collector's scans
    log.info("lists loaded: %s", ", ".join(getattr(ctx.catalog, "snapshots", {}) or ()))
    options = {
        "burst": burst,
        "abandon_after": abandon_after,
        "maintenance_interval": maintenance_interval,
    }
    if processes <= 1:
        return _work(settings, ctx.catalog, name, **options)
    return _supervise(settings, ctx.catalog, processes, name, options)


def _work(settings: Settings, catalog, name: str | None, *, burst: bool, abandon_after: int,
          maintenance_interval: int) -> bool:  # fmt: skip
    redis = redis_connection(settings)  # never a connection inherited across fork
    preload(settings, catalog=catalog, redis=redis)
    webhook_tasks.prepare(settings)
    dispatch.install(settings)
    dispatch.start_sweeper(settings)  # retries, and deliveries a dead worker held
    worker = BatchWorker(
        [Queue(dispatch.queue_name(settings), connection=redis), open_queue(settings, redis)],
        connection=redis,
        name=name,
        maintenance_interval=maintenance_interval,
        # RQ blocks on an empty queue for worker_ttl - 15 s and only checks for
        # abandoned chunks between blocks: keep that wait to the maintenance interval.
        worker_ttl=maintenance_interval + 15,
    )
    worker.abandon_after = abandon_after
    return worker.work(burst=burst, with_scheduler=False)


def _supervise(settings: Settings, catalog, processes: int, name: str | None, options) -> bool:
    """Fork the workers (``service.processes``); a worker that died is replaced unless
    in burst mode."""

    def work(i: int) -> None:
        child_name = f"{name}-{i}-{os.getpid()}" if name else None  # unique after respawn
        _work(settings, catalog, child_name, **options)

    return supervise(processes, work, respawn=not options["burst"])
