"""Chunks as RQ jobs, worked by our BatchWorker (a SimpleWorker) in burst mode."""

from __future__ import annotations

import io

import pytest
from batch.listed import LISTED

from service.batch.outcome import RowOutcome
from service.batch.rows import BatchOptions
from service.jobs import tasks
from service.jobs.backend import open_backend, open_queue
from service.jobs.store import iter_result_rows
from service.jobs.submit import Upload, submit_batch
from service.jobs.worker import BatchWorker
from service.screening import Screener

CSV = (
    b"id,name,country\n1,BANCO NACIONAL DE CUBA,\n2,Harmless Bakery,FR\n3,,FR\n"
    b"4,ORIENT SHIPPING COMPANY LIMITED,\n5,Another Bakery,DE\n6,x,y,z\n7,IVANOV Sergei,RU\n"
)


def submit(settings, redis_conn, data: bytes = CSV) -> str:
    backend = open_backend(settings, redis=redis_conn)
    upload = Upload(io.BytesIO(data), "customers.csv", {}, BatchOptions())
    return submit_batch(
        backend.store,
        upload,
        backend.runner.submit,
        chunk_rows=settings.batch_chunk_rows,
        max_rows=settings.batch_max_rows,
    )


def work(settings, redis_conn) -> None:
    worker = BatchWorker([open_queue(settings, redis_conn)], connection=redis_conn)
    worker.work(burst=True)


@pytest.fixture
def preloaded(redis_settings, redis_conn, catalog_of):
    ctx = tasks.preload(redis_settings, catalog=catalog_of(*LISTED), redis=redis_conn)
    yield ctx
    tasks._CONTEXT = None


def test_burst_worker_screens_every_row_once(redis_settings, redis_conn, preloaded) -> None:
    batch_id = submit(redis_settings, redis_conn)
    assert open_queue(redis_settings, redis_conn).count == 3  # 7 rows in chunks of 3
    work(redis_settings, redis_conn)
    status = preloaded.store.status(batch_id)
    assert (status.state, status.rows_total, status.rows_done) == ("done", 7, 7)
    assert status.errors == 2 and sum(status.decisions.values()) == 7
    assert status.list_versions == [{"other_list": "2026-01-01", "test_list": "2026-01-01"}]
    rows = list(iter_result_rows(preloaded.store, status))
    assert [o.line for _, o in rows] == [2, 3, 4, 5, 6, 7, 8]
    assert rows[0][0] == ["1", "BANCO NACIONAL DE CUBA", ""]
    assert rows[5] == (None, RowOutcome(7, "error", error="row has 4 fields, the header has 3"))
    assert rows[0][1][4:6] == ("test_list", "1") and rows[3][1][4:6] == ("other_list", "2")
    hits = list(iter_result_rows(preloaded.store, status, only_hits=True))
    assert [o.line for _, o in hits] == [
        o.line for _, o in rows if o.decision in ("review", "block")
    ]
    assert {2, 5} <= {o.line for _, o in hits}


def test_a_chunk_run_twice_is_counted_once(redis_settings, redis_conn, preloaded) -> None:
    batch_id = submit(redis_settings, redis_conn)
    work(redis_settings, redis_conn)
    assert tasks.screen_chunk(batch_id, 1) == "skipped"  # the batch is done
    store = preloaded.store
    store.redis.hset(f"t-batch:batch:{batch_id}", "state", "running")  # as if mid-batch
    assert tasks.screen_chunk(batch_id, 1) == "duplicate"
    assert store.status(batch_id).rows_done == 7


def test_chunks_of_a_deleted_batch_are_skipped(redis_settings, redis_conn, preloaded) -> None:
    batch_id = submit(redis_settings, redis_conn)
    preloaded.store.delete(batch_id)
    work(redis_settings, redis_conn)
    assert preloaded.store.status(batch_id) is None
    assert redis_conn.keys("t-batch:*") == []


def test_chunk_failing_after_retries_fails_the_batch(redis_settings, redis_conn, catalog_of):
    # A worker without lists must never answer clear: the chunk raises, is retried, fails.
    ctx = tasks.preload(redis_settings, catalog=catalog_of(*LISTED), redis=redis_conn)
    tasks._CONTEXT = tasks.WorkerContext(
        redis_settings, Screener(None, redis_settings), ctx.store, None
    )
    try:
        batch_id = submit(redis_settings, redis_conn, b"name\nAcme\n")
        work(redis_settings, redis_conn)
        status = ctx.store.status(batch_id)
        assert status.state == "failed"
        assert "ScreeningUnavailable" in status.error and status.rows_done == 0
    finally:
        tasks._CONTEXT = None
