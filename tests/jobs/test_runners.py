"""The RQ runner: one job per chunk, named after it, retried, its result not kept."""

from __future__ import annotations

from rq.job import Job

from service.jobs.backend import open_queue
from service.jobs.runners import CHUNK_RETRIES, JOB_TIMEOUT, QueueRunner


def test_a_chunk_becomes_one_named_retried_job(redis_settings, redis_conn) -> None:
    queue = open_queue(redis_settings, redis_conn)
    runner = QueueRunner(queue, retention_seconds=321)
    runner.submit("b1", 4)
    runner.submit("b1", 5)
    assert queue.job_ids == ["b1-4", "b1-5"]
    job = Job.fetch("b1-4", connection=redis_conn)
    assert job.func_name == "service.jobs.tasks.screen_chunk" and job.args == ("b1", 4)
    assert (job.retries_left, job.timeout, job.result_ttl, job.failure_ttl) == (
        CHUNK_RETRIES, JOB_TIMEOUT, 0, 321,
    )  # fmt: skip
