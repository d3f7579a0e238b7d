"""Screening records written and read back, filtered, paged and replayed."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from records_fixtures import screening
from sqlalchemy import text

from service.records import RecordsDatabase, RecordsUnavailable
from service.records.canonical import now
from service.records.screenings import (
    IdempotencyConflict,
    IdempotencyRace,
    InvalidCursor,
    ScreeningQuery,
    find_replay,
    get_screening,
    list_screenings,
    record_screening,
)

DAY = timedelta(hours=24)


def test_a_record_reads_back_exactly(records_db: RecordsDatabase) -> None:
    new = screening(name="Jöhn Smith", customer_id="C-1")
    record_screening(records_db, new)
    got = get_screening(records_db, "acme", new.screening_id)
    assert got is not None
    assert got["request"] == json.loads(new.request)
    assert got["response"] == json.loads(new.response)
    assert got["received_at"] == new.received_at.isoformat(timespec="microseconds")
    assert got["list_versions"] == {"sample": "2026-01-01"}
    assert got["principal"] == "key:key_test"
    assert got["customer_id"] == "C-1"
    assert got["chain"]["seq"] == 1 and len(got["chain"]["hash"]) == 64


def test_another_tenant_cannot_read_it(records_db: RecordsDatabase) -> None:
    new = screening("acme")
    record_screening(records_db, new)
    assert get_screening(records_db, "other", new.screening_id) is None
    items, _ = list_screenings(records_db, "other", ScreeningQuery())
    assert items == []


def test_filters_and_cursor_pages(records_db: RecordsDatabase) -> None:
    start = now() - timedelta(hours=1)
    for i in range(5):
        record_screening(
            records_db,
            screening(
                name=f"PERSON {i}",
                decision="review" if i % 2 else "clear",
                at=start + timedelta(minutes=i),
                customer_id=f"C-{i}",
            ),
        )
    record_screening(records_db, screening(name="SHIP", kind="transaction"))

    def ids(**filters) -> list[str]:
        items, _ = list_screenings(records_db, "acme", ScreeningQuery(**filters))
        return [item["subjects"][0] for item in items]

    assert ids(decision="review") == ["PERSON 3", "PERSON 1"]
    assert ids(kind="transaction") == ["SHIP"]
    assert ids(subject="person 4") == ["PERSON 4"]
    assert ids(subject="%") == []  # LIKE wildcards are literal
    assert ids(customer_id="C-2") == ["PERSON 2"]
    assert ids(since=start + timedelta(minutes=3), until=start + timedelta(minutes=5)) == [
        "PERSON 4",
        "PERSON 3",
    ]
    seen, cursor = [], None
    while True:
        items, cursor = list_screenings(records_db, "acme", ScreeningQuery(limit=4, cursor=cursor))
        seen += [item["screening_id"] for item in items]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 6


def test_a_forged_cursor_is_refused() -> None:
    from service.records.screenings import decode_cursor

    with pytest.raises(InvalidCursor):
        decode_cursor("not-a-cursor!")


def test_idempotency_replays_and_conflicts(records_db: RecordsDatabase) -> None:
    first = screening(key="pay-1", body={"name": "A"})
    assert find_replay(records_db, "acme", "pay-1", first.request_hash, DAY) is None
    record_screening(records_db, first)
    replay = find_replay(records_db, "acme", "pay-1", first.request_hash, DAY)
    assert replay is not None and replay.response == first.response
    other_body = screening(key="pay-1", body={"name": "B"})
    with pytest.raises(IdempotencyConflict):
        find_replay(records_db, "acme", "pay-1", other_body.request_hash, DAY)
    assert find_replay(records_db, "beta", "pay-1", first.request_hash, DAY) is None
    with pytest.raises(IdempotencyRace):
        record_screening(records_db, screening(key="pay-1", body={"name": "A"}))
    # Past its keeping time the key is forgotten and the request is screened again.
    assert find_replay(records_db, "acme", "pay-1", first.request_hash, timedelta(0)) is None
    record_screening(records_db, screening(key="pay-1", body={"name": "A"}))


def test_a_store_that_fails_raises_unavailable(records_db: RecordsDatabase) -> None:
    with records_db.engine.begin() as connection:
        connection.execute(text("DROP TABLE screenings"))
    with pytest.raises(RecordsUnavailable):
        record_screening(records_db, screening())
