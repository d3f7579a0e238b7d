"""A batch's rows and alerts, on SQLite and PostgreSQL, driven as the chunk job drives
them: clear rows pass untouched, suppressions apply per row, a hit row's alert is opened
in the batch owner's tenant when the chunk is written, a retried chunk joins instead of
opening twice, and a store that cannot be written fails the chunk."""

from __future__ import annotations

from pathlib import Path

import pytest
from alert_fixtures import open_alert
from factories import TEST_ENTITIES, catalog_from

from service.alerts import workflow
from service.alerts.batch import RowReview, batch_alerts
from service.alerts.store import AlertQuery, get_alert, list_alerts
from service.records import RecordsDatabase, RecordsUnavailable
from service.records.batches import BatchOwner, record_batch
from service.screening import Screener, ScreenRequest
from service.settings import Settings

OWNER = BatchOwner("acme", "key:uploader")
BANK_ROW = ScreenRequest(name="Banco Nacional de Cuba", customer_id="CUST-1")
BAKERY_ROW = ScreenRequest(name="Harmless Bakery Ltd", customer_id="CUST-2")


def chunk(db: RecordsDatabase, settings: Settings, *rows: ScreenRequest) -> list:
    """The rows screened and reviewed as one chunk of batch ``b1``, then written."""
    screener = Screener(catalog_from(TEST_ENTITIES), settings)
    review = RowReview(db, settings, "b1", OWNER)
    results = [review(row, screener.screen(row), line) for line, row in enumerate(rows, 2)]
    review.write()
    return results


def batch_queue(db: RecordsDatabase, tenant: str = "acme") -> list[dict]:
    return list_alerts(db, tenant, AlertQuery(source="batch"))[0]


def test_a_hit_row_opens_an_alert_in_the_owners_tenant(
    records_db: RecordsDatabase, settings: Settings
) -> None:
    bank, bakery = chunk(records_db, settings, BANK_ROW, BAKERY_ROW)
    assert (bank.decision, bakery.decision) == ("block", "clear")
    (alert,) = batch_queue(records_db)
    assert (alert["screening_id"], alert["subject"]["customer_id"]) == ("b1:2", "CUST-1")
    assert (alert["decision"], alert["priority"], alert["lists"]) == (
        "block",
        "high",
        ["test_list"],
    )
    events = get_alert(records_db, "acme", alert["alert_id"])["events"]  # type: ignore[index]
    assert [(e["event"], e["actor"]) for e in events] == [("opened", "key:uploader")]
    assert batch_queue(records_db, "globex") == []


def test_a_retried_chunk_joins_the_alerts_it_opened(
    records_db: RecordsDatabase, settings: Settings
) -> None:
    chunk(records_db, settings, BANK_ROW)
    chunk(records_db, settings, BANK_ROW)
    (alert,) = batch_queue(records_db)
    assert alert["screenings"] == 2


def test_a_rows_cleared_false_positive_is_suppressed_and_opens_nothing(
    records_db: RecordsDatabase, settings: Settings
) -> None:
    alert_id = open_alert(records_db, decision="review")  # CUST-1, the Cuban bank
    actor = workflow.Actor("key:ana", "acme")
    status = workflow.decide(
        records_db, actor, alert_id, outcome="false_positive", reason="other", note="",
        reasons=workflow.DEFAULT_REASONS, suppression_days=30,
    )  # fmt: skip
    assert status == "closed"
    (row,) = chunk(records_db, settings, BANK_ROW)
    assert row.decision == "clear" and row.matches[0].suppressed["alert_id"] == alert_id
    assert batch_queue(records_db) == []
    other = ScreenRequest(name="Banco Nacional de Cuba", customer_id="CUST-9")
    (row,) = chunk(records_db, settings, other)  # another customer: not suppressed
    assert row.decision == "block" and len(batch_queue(records_db)) == 1


def test_alerts_that_cannot_be_read_or_written_fail_the_chunk(
    records_db: RecordsDatabase, settings: Settings, tmp_path: Path
) -> None:
    screener = Screener(catalog_from(TEST_ENTITIES), settings)
    broken = RecordsDatabase(f"sqlite:///{tmp_path / 'no-tables.db'}")
    review = RowReview(broken, settings, "b1", OWNER)
    clear = screener.screen(BAKERY_ROW)
    assert review(BAKERY_ROW, clear, 2) is clear  # clear: no query, nothing to write
    with pytest.raises(RecordsUnavailable):  # the row's suppressions cannot be read
        review(BANK_ROW, screener.screen(BANK_ROW), 3)
    review = RowReview(records_db, settings, "b1", OWNER)
    review(BANK_ROW, screener.screen(BANK_ROW), 3)
    review.db = broken  # the store goes away before the chunk is written
    with pytest.raises(RecordsUnavailable):
        review.write()
    broken.dispose()
    assert batch_queue(records_db) == []


def test_only_a_recorded_batch_gets_a_reviewer(
    records_db: RecordsDatabase, settings: Settings
) -> None:
    for_batch = batch_alerts(settings.with_(database_url=records_db.url))
    assert for_batch("never-recorded") is None  # e.g. the local ``screening file`` command
    record_batch(records_db, "b2", "globex", "key:g")
    review = for_batch("b2")
    assert review is not None and (review.tenant, review.actor) == ("globex", "key:g")
