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


def test_a_worker_delivers_webhooks_from_their_queue(redis_settings, redis_conn, catalog_of):
    """With Redis, a published delivery is an RQ job on the webhooks queue, and a
    ``screening worker`` posts it (signed) to the receiver."""
    from receivers import Receiver

    from service.records import records_database
    from service.webhooks import dispatch, publish_now
    from service.webhooks.registry import create_webhook

    settings = redis_settings.with_(webhooks_allow_http=True, webhooks_sweep_seconds=0)
    db = records_database(settings)
    dispatch.install(settings)
    try:
        with Receiver() as receiver:
            _, receiver.secret = create_webhook(
                db, settings, tenant="acme", url=receiver.url, events=["batch.completed"]
            )
            [delivery_id] = publish_now(db, "acme", "batch.completed", {"batch_id": "b1"})
            queue = dispatch.queue_name(settings)
            assert redis_conn.llen(f"rq:queue:{queue}") == 1  # enqueued, not yet posted
            assert receiver.received == []
            try:
                assert run_worker(settings, burst=True, catalog=catalog_of(*LISTED))
            finally:
                tasks._CONTEXT = None
                gc.unfreeze()
        [got] = receiver.received
        assert got.verified and got.body["data"] == {"batch_id": "b1"}
        assert got.headers["X-Screening-Delivery"] == delivery_id
    finally:
        dispatch._SETTINGS.pop(dispatch._key(settings.records_url), None)
        db.dispose()
