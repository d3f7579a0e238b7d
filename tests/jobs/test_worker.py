"""``run_worker``: lists loaded once, then one or several forked RQ workers in burst mode
(killed workers and retries: tests/e2e/test_batch_workers.py)."""

from __future__ import annotations

import gc
import io

import pytest
from batch.listed import LISTED

from service.batch.rows import BatchOptions
from service.jobs import tasks
from service.jobs.backend import open_backend
from service.jobs.submit import Upload, submit_batch
from service.jobs.worker import run_worker

CSV = b"name\n" + b"BANCO NACIONAL DE CUBA\nHarmless Bakery\n" * 10


@pytest.mark.parametrize("processes", [1, 2])
def test_burst_workers_finish_the_batch(redis_settings, redis_conn, catalog_of, processes):
    backend = open_backend(redis_settings, redis=redis_conn)
    upload = Upload(io.BytesIO(CSV), "c.csv", {}, BatchOptions())
    batch_id = submit_batch(backend.store, upload, backend.runner.submit,
                            chunk_rows=3, max_rows=100)  # fmt: skip
    try:
        ok = run_worker(redis_settings, processes=processes, burst=True,
                        catalog=catalog_of(*LISTED))  # fmt: skip
    finally:
        tasks._CONTEXT = None
        gc.unfreeze()
    status = backend.store.status(batch_id)
    assert ok and (status.state, status.rows_done, status.hits) == ("done", 20, 10)
