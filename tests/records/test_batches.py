"""Batch ownership on record, and its outcome recorded once."""

from __future__ import annotations

from service.records import RecordsDatabase
from service.records.batches import (
    batch_owner,
    record_batch,
    record_batch_event,
    record_batch_outcome,
    tenant_batches,
)


def test_owner_events_and_outcome_once(records_db: RecordsDatabase) -> None:
    record_batch(records_db, "b1", "acme", "key:k1", "customers.csv")
    record_batch(records_db, "b2", "beta", "user:u1")
    assert batch_owner(records_db, "b1").submitted_by == "key:k1"
    assert batch_owner(records_db, "nope") is None
    assert tenant_batches(records_db, "acme") == {"b1"}
    assert record_batch_event(records_db, "nope", "deleted", "key:k1", {}) is False
    assert record_batch_outcome(records_db, "b1", {"rows": 3, "hits": 1}) is True
    assert record_batch_outcome(records_db, "b1", {"rows": 3, "hits": 1}) is False
