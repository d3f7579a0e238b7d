"""One import chunk on SQLite and PostgreSQL: a JSON Lines file read by the batch reader,
saved in one statement, each new customer screened; repeats and bad rows."""

from __future__ import annotations

import gc
import io
from collections.abc import Callable

from realparts import missing, redis_url
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from service.alerts.batch import RowReview
from service.batch.mapping import resolve_mapping
from service.batch.readers import read_table
from service.batch.rows import BatchOptions
from service.jobs import tasks
from service.jobs.backend import open_backend
from service.jobs.submit import Upload, submit_batch
from service.jobs.worker import run_worker
from service.monitoring import book
from service.monitoring.imports import import_rows
from service.records import RecordsDatabase, records_database, upgrade
from service.records.batches import batch_owner, record_batch
from service.screening import Screener
from service.settings import Settings
from service.store import Catalog

REDIS_URL = redis_url(10)
JSONL = b"""{"id": "A1", "name": "Banco Nacional de Cuba", "country": "CU"}
{"id": "A2", "name": "Maria Lopez", "type": "individual"}
{"id": "A1", "name": "Banco Nacional de Cuba", "country": "CU", "note": "twice"}
{"id": "A3", "name": ""}
not json at all
"""


def test_a_chunk_is_saved_then_screened(
    records_db: RecordsDatabase, settings: Settings, catalog_of: Callable[..., Catalog]
) -> None:
    record_batch(records_db, "b1", "acme", "key:k1", "book.jsonl")
    owner = RowReview(records_db, settings, "b1", batch_owner(records_db, "b1"))
    screener = Screener(catalog_of(), settings)
    table = read_table(io.BytesIO(JSONL), "book.jsonl")
    rows = list(table.rows)
    mapping = resolve_mapping(table.columns)
    done = import_rows(owner, screener, rows, table.columns, mapping, BatchOptions(customers=True))
    by_line = {o.line: o for o in done.outcomes}
    assert sorted(by_line) == [1, 2, 3, 4, 5]
    assert by_line[3].decision == "block" and by_line[3].source_id == "1"  # the later A1
    assert by_line[1].explanation == "customer A1 again on line 3, which was saved"
    assert by_line[2].decision == "clear"
    assert by_line[4].error == "name is empty" and by_line[5].decision == "error"
    assert set(done.list_versions) == {"test_list", "other_list"}
    saved = book.get_customer(records_db, "acme", "A2")
    assert saved["entity_type"] == "person" and saved["screening"]["decision"] == "clear"

    again = import_rows(owner, screener, rows, table.columns, mapping, BatchOptions(customers=True))
    assert [o.explanation for o in again.outcomes if o.line in (2, 3)] == [
        "unchanged: not screened again"
    ] * 2


def test_an_import_runs_on_rq_workers_too(
    settings: Settings, catalog_of: Callable[..., Catalog]
) -> None:
    """With Redis the import's chunks are RQ jobs; a burst worker saves and screens them."""
    conn = Redis.from_url(REDIS_URL)
    try:
        conn.ping()
    except RedisConnectionError:
        missing(f"no Redis at {REDIS_URL}")
    conn.flushdb()
    db = records_database(settings)
    upgrade(db)
    redis_settings = settings.with_(redis_url=REDIS_URL, redis_prefix="t-import")
    backend = open_backend(redis_settings, redis=conn)
    upload = Upload(io.BytesIO(JSONL), "book.jsonl", {}, BatchOptions(customers=True))
    owned = []

    def submit(batch_id: str, n: int) -> object:
        if not owned:
            record_batch(db, batch_id, "acme", "key:k1", "book.jsonl")
            owned.append(batch_id)
        return backend.runner.submit(batch_id, n)

    batch_id = submit_batch(backend.store, upload, submit, chunk_rows=2, max_rows=100)
    try:
        assert run_worker(redis_settings, burst=True, catalog=catalog_of())
    finally:
        tasks._CONTEXT = None
        gc.unfreeze()
    status = backend.store.status(batch_id)
    conn.flushdb()
    assert (status.state, status.rows_done, status.errors) == ("done", 5, 2), status
    page, _ = book.list_customers(db, "acme")
    assert [(c["customer_id"], c["screening"]["decision"]) for c in page] == [
        ("A1", "block"),
        ("A2", "clear"),
    ]
    db.dispose()
