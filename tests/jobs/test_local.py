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
    runner = LocalRunner(store, screener, check_every=None)
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


def test_a_stalled_batch_is_taken_over(sqlite_settings, catalog_of) -> None:
    store = open_store(sqlite_settings)
    upload = Upload(io.BytesIO(b"name\nBANCO NACIONAL DE CUBA\nBakery\nOther\n"), "c.csv", {},
                    BatchOptions())  # fmt: skip
    lost: list[int] = []  # the process that took the upload died before running it
    batch_id = submit_batch(store, upload, lambda b, n: lost.append(n), chunk_rows=2, max_rows=9)
    runner = LocalRunner(store, Screener(catalog_of(*LISTED), sqlite_settings), stalled_after=0,
                         check_every=None)  # fmt: skip
    assert runner.recover() == len(lost) == 2
    deadline = time.monotonic() + 30
    while not runner.idle() and time.monotonic() < deadline:
        time.sleep(0.02)
    runner.shutdown()
    status = store.status(batch_id)
    assert (status.state, status.rows_done, status.rows_total) == ("done", 3, 3)
