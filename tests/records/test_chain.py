"""The audit chain catches every change: a byte, a deleted row, an inserted row."""

from __future__ import annotations

import threading

import pytest
from records_fixtures import screening
from sqlalchemy import text

from service.records import RecordsDatabase
from service.records.audit import verify
from service.records.batches import batch_owner, record_batch, record_batch_event
from service.records.screenings import record_screening


def _fill(db: RecordsDatabase, count: int = 4, tenant: str = "acme") -> list[str]:
    ids = []
    for i in range(count):
        new = screening(tenant, name=f"NAME {i}")
        record_screening(db, new)
        ids.append(new.screening_id)
    return ids


def test_an_untouched_chain_verifies(records_db: RecordsDatabase, secret: bytes) -> None:
    _fill(records_db, 3, "acme")
    _fill(records_db, 2, "beta")
    record_batch(records_db, "b1", "acme", "key:k1", "customers.csv")
    assert record_batch_event(records_db, "b1", "finished", "worker", {"hits": 2})
    reports = {r.tenant: r for r in verify(records_db, secret)}
    assert reports["acme"].ok and reports["acme"].verified == 5
    assert reports["beta"].ok and reports["beta"].verified == 2
    assert batch_owner(records_db, "b1").tenant == "acme"


def _change(db: RecordsDatabase, column: str, old: str, new: str, screening_id: str) -> None:
    """Edit one stored column behind the service's back, as an intruder with SQL would."""
    with db.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE screenings SET {column} = replace({column}, :old, :new) "
                 "WHERE screening_id = :id"),
            {"old": old, "new": new, "id": screening_id},
        )  # fmt: skip


@pytest.mark.parametrize(
    ("column", "old", "new", "victim"),
    [
        ("response", "clear", "cl\u0435ar", 2),  # one Latin e becomes a Cyrillic one
        ("request", "NAME", "NAMF", 0),
        ("principal", "key:", "kex:", 3),
    ],
)
def test_one_changed_byte_anywhere_is_caught(
    records_db: RecordsDatabase, secret: bytes, column: str, old: str, new: str, victim: int
) -> None:
    ids = _fill(records_db)
    _change(records_db, column, old, new, ids[victim])
    (report,) = verify(records_db, secret, "acme")
    assert not report.ok and report.verified == victim
    assert ids[victim] in report.problem and "content" in report.problem


def test_a_deleted_record_is_caught(records_db: RecordsDatabase, secret: bytes) -> None:
    ids = _fill(records_db)
    with records_db.engine.begin() as connection:
        connection.execute(text("DELETE FROM screenings WHERE screening_id = :id"), {"id": ids[1]})
    (report,) = verify(records_db, secret, "acme")
    assert not report.ok and ids[1] in report.problem and "missing" in report.problem


def test_a_deleted_link_and_a_truncated_tail_are_caught(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    ids = _fill(records_db)
    with records_db.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE record_id = :id"), {"id": ids[3]})
        connection.execute(text("DELETE FROM screenings WHERE screening_id = :id"), {"id": ids[3]})
    (report,) = verify(records_db, secret, "acme")
    assert not report.ok and "head" in report.problem


def test_a_row_inserted_beside_the_chain_is_caught(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    ids = _fill(records_db, 2)
    with records_db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO screenings (screening_id, tenant, kind, principal, received_at, "
                "answered_at, request, response, decision, list_versions, ruleset_version, "
                "reference_version, service_version, subjects) SELECT 'scr_forged', tenant, "
                "kind, principal, received_at, answered_at, request, response, decision, "
                "list_versions, ruleset_version, reference_version, service_version, subjects "
                "FROM screenings WHERE screening_id = :id"
            ),
            {"id": ids[0]},
        )
    (report,) = verify(records_db, secret, "acme")
    assert not report.ok and "scr_forged" in report.problem


def test_concurrent_writers_never_fork_the_chain(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    errors: list[Exception] = []

    def write() -> None:
        try:
            _fill(records_db, 5)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    (report,) = verify(records_db, secret, "acme")
    assert report.ok and report.verified == 20
