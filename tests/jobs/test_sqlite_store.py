"""What only the SQLite store does: expiry by purge, and stalled batches claimed once
(shared behaviour: tests/jobs/test_store.py)."""

from __future__ import annotations

import time

from jobs.batches import new_batch, outcome

from service.jobs.backend import open_store


def test_sqlite_batches_expire(sqlite_settings) -> None:
    store = open_store(sqlite_settings.with_(batch_retention_seconds=-1))
    bid = new_batch(store)
    assert store.status(bid) is None


def test_a_stalled_batch_is_claimed_once_with_its_missing_chunks(sqlite_settings) -> None:
    store = open_store(sqlite_settings)
    bid = new_batch(store, chunks=3)
    store.finish_ingest(bid, 3, 3)
    store.complete_chunk(bid, 1, [outcome(3)], {})
    time.sleep(0.05)
    assert store.claim_stalled(0.01) == [(bid, [0, 2])]
    assert store.claim_stalled(10) == []  # the claim reset its clock: one claimer wins


def test_a_stalled_upload_fails(sqlite_settings) -> None:
    store = open_store(sqlite_settings)
    bid = new_batch(store)  # never finished ingesting
    time.sleep(0.05)
    assert store.claim_stalled(0.01) == []
    status = store.status(bid)
    assert status.state == "failed" and status.error == "the upload was interrupted"
