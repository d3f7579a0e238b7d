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


def test_the_last_chunk_puts_the_batch_outcome_on_record(sqlite_settings, catalog_of) -> None:
    from service.jobs.chunk import record_when_done
    from service.records import ensure_schema, records_database
    from service.records.audit import verify
    from service.records.batches import record_batch
    from service.records.models import AuditEvent
    from service.records.secret import server_secret

    db = records_database(sqlite_settings)
    ensure_schema(db)
    store, batch_id = stored(sqlite_settings)
    record_batch(db, batch_id, "acme", "key:k1", "c.csv")
    screener = Screener(catalog_of(*LISTED), sqlite_settings)
    hook = record_when_done(sqlite_settings)
    seen = []
    run_chunk(store, screener, batch_id, 0, lambda status: seen.append(status))
    assert seen == []  # one chunk of two: not done yet
    run_chunk(store, screener, batch_id, 1, hook)
    with db.session() as session:
        events = [(e.event, e.payload) for e in session.query(AuditEvent).order_by(AuditEvent.seq)]
    assert [event for event, _ in events] == ["submitted", "finished"]
    assert '"hits":1' in events[1][1] and '"rows":2' in events[1][1]
    (report,) = verify(db, server_secret(sqlite_settings.data_dir), "acme")
    assert report.ok and report.verified == 2
