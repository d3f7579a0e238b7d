"""The embedded mode: chunks in a background thread, batch data in SQLite."""

from __future__ import annotations

import io
import time

from batch.listed import LISTED

from service.batch.rows import BatchOptions
from service.jobs.backend import open_store
from service.jobs.local import LocalRunner
from service.jobs.submit import Upload, submit_batch
from service.screening import Screener


def run(settings, screener, data: bytes):
    store = open_store(settings)
    runner = LocalRunner(store, screener)
    upload = Upload(io.BytesIO(data), "c.csv", {}, BatchOptions())
    batch_id = submit_batch(store, upload, runner.submit, chunk_rows=2, max_rows=100)
    deadline = time.monotonic() + 30
    while not runner.idle() and time.monotonic() < deadline:
        time.sleep(0.02)
    runner.shutdown()
    return store.status(batch_id)


def test_local_runner_finishes_the_batch(sqlite_settings, catalog_of) -> None:
    data = b"name\nBANCO NACIONAL DE CUBA\nBakery\nNATIONAL BANK OF CUBA\n\n,\nOther\n"
    status = run(sqlite_settings, Screener(catalog_of(*LISTED), sqlite_settings), data)
    assert (status.state, status.rows_total, status.rows_done, status.hits) == ("done", 4, 4, 2)


def test_local_runner_fails_closed_without_lists(sqlite_settings) -> None:
    status = run(sqlite_settings, Screener(None, sqlite_settings), b"name\nAcme\n")
    assert status.state == "failed" and "No sanctions list" in status.error
