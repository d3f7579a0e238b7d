"""One stored chunk screened and recorded: done once, a repeat counted as a duplicate,
nothing for a batch that is gone or over."""

from __future__ import annotations

import io

from batch.listed import LISTED

from service.batch.rows import BatchOptions
from service.jobs.backend import open_store
from service.jobs.chunk import run_chunk
from service.jobs.submit import Upload, submit_batch
from service.screening import Screener


def stored(settings) -> tuple:
    store = open_store(settings)
    upload = Upload(io.BytesIO(b"name\nBANCO NACIONAL DE CUBA\nBakery\n"), "c.csv", {},
                    BatchOptions())  # fmt: skip
    return store, submit_batch(store, upload, lambda b, n: None, chunk_rows=1, max_rows=9)


def test_done_then_duplicate_then_skipped(sqlite_settings, catalog_of) -> None:
    store, batch_id = stored(sqlite_settings)
    screener = Screener(catalog_of(*LISTED), sqlite_settings)
    assert run_chunk(store, screener, batch_id, 0) == "done"
    assert run_chunk(store, screener, batch_id, 0) == "duplicate"
    assert store.status(batch_id).rows_done == 1
    assert run_chunk(store, screener, batch_id, 1) == "done"
    assert store.status(batch_id).state == "done"
    assert run_chunk(store, screener, batch_id, 1) == "skipped"  # the batch is over


def test_a_deleted_batch_is_skipped(sqlite_settings, catalog_of) -> None:
    store, batch_id = stored(sqlite_settings)
    store.delete(batch_id)
    screener = Screener(catalog_of(*LISTED), sqlite_settings)
    assert run_chunk(store, screener, batch_id, 0) == "skipped"
