"""Alerts on record, on SQLite and PostgreSQL: opening or joining, one alert with its
history from the audit chain, and the queue (filters, priority then due-time order,
cursors, counts) read straight from the store; the kept counts equal a scan of the alerts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alert_fixtures import bank_match, open_alert, scanned
from sqlalchemy import delete

from service.alerts.store import (
    AlertQuery,
    InvalidAlertCursor,
    count_alerts,
    decode_cursor,
    get_alert,
    list_alerts,
    recount,
)
from service.records import RecordsDatabase
from service.records.canonical import now
from service.records.models import AlertCount


def queue(db: RecordsDatabase, tenant: str = "acme", **filters: object) -> list[str]:
    items, _ = list_alerts(db, tenant, AlertQuery(**filters))  # type: ignore[arg-type]
    return [a["alert_id"] for a in items]


def test_the_same_subject_and_matches_join_the_open_alert(records_db: RecordsDatabase) -> None:
    first = open_alert(records_db)
    assert open_alert(records_db) == first
    assert open_alert(records_db, customer_id="CUST-2") != first  # another subject
    other_match = [bank_match(source_id="2", list="other_list")]
    assert open_alert(records_db, matches=other_match) != first  # other matches
    assert open_alert(records_db, tenant="globex") != first  # another tenant

    alert = get_alert(records_db, "acme", first)
    assert alert is not None and alert["screenings"] == 2
    assert [(e["event"], e["from_status"], e["to_status"]) for e in alert["events"]] == [
        ("opened", None, "open"),
        ("joined", "open", "open"),
    ]
    assert alert["events"][1]["screening_id"] == "scr-CUST-1"
    assert alert["matches"][0]["fingerprint"].startswith("fp1:")
    assert alert["subject"]["customer_id"] == "CUST-1" and alert["lists"] == ["test_list"]
    assert get_alert(records_db, "globex", first) is None  # another tenant's: not found


def test_due_time_follows_the_priority_service_level(records_db: RecordsDatabase) -> None:
    at = now()
    high = get_alert(records_db, "acme", open_alert(records_db, at=at))
    medium = get_alert(
        records_db, "acme", open_alert(records_db, customer_id="C2", decision="review", at=at)
    )
    assert high is not None and medium is not None
    assert (high["priority"], medium["priority"]) == ("high", "medium")
    assert high["due_at"] < medium["due_at"]


def test_the_queue_is_most_urgent_first_and_pages_by_cursor(records_db: RecordsDatabase) -> None:
    at = now()
    reviews = [
        open_alert(records_db, customer_id=f"R{n}", decision="review", at=at + timedelta(hours=n))
        for n in range(3)
    ]
    blocks = [
        open_alert(records_db, customer_id=f"B{n}", at=at + timedelta(hours=n)) for n in range(2)
    ]
    assert queue(records_db) == blocks + reviews
    seen, cursor = [], None
    while True:
        items, cursor = list_alerts(records_db, "acme", AlertQuery(limit=2, cursor=cursor))
        seen += [a["alert_id"] for a in items]
        if cursor is None:
            break
    assert seen == blocks + reviews
    assert queue(records_db, priority="medium") == reviews
    assert queue(records_db, list="test_list") == blocks + reviews
    assert queue(records_db, list="test") == []  # a whole list id, not a part of one
    assert queue(records_db, since=at + timedelta(hours=1)) == [blocks[1], reviews[1], reviews[2]]
    assert queue(records_db, until=at + timedelta(hours=1)) == [blocks[0], reviews[0]]
    assert queue(records_db, tenant="globex") == []
    assert count_alerts(records_db, "acme") == {
        "status": {"open": 5, "in_review": 0, "pending_approval": 0},
        "priority": {"high": 2, "medium": 3, "low": 0},
    }


def test_filters_by_source_and_status(records_db: RecordsDatabase) -> None:
    screen = open_alert(records_db)
    batch = open_alert(records_db, customer_id="B1", source="batch")
    assert queue(records_db, source="batch") == [batch]
    assert queue(records_db, status="open", source="screen") == [screen]
    assert queue(records_db, status="closed") == []


@pytest.mark.parametrize("cursor", ["nonsense", "W10", "WzEsICJub3QgYSB0aW1lIiwgM10"])
def test_a_cursor_not_from_a_page_is_refused_naming_the_field(cursor: str) -> None:
    with pytest.raises(InvalidAlertCursor) as raised:
        decode_cursor(cursor)
    assert raised.value.field == "cursor"


def test_counts_follow_opens_and_joins_per_tenant(records_db: RecordsDatabase) -> None:
    open_alert(records_db)
    open_alert(records_db)  # joins: no second alert counted
    open_alert(records_db, customer_id="R1", decision="review")
    open_alert(records_db, tenant="globex", customer_id="G1")
    assert count_alerts(records_db, "acme") == {
        "status": {"open": 2, "in_review": 0, "pending_approval": 0},
        "priority": {"high": 1, "medium": 1, "low": 0},
    }
    assert count_alerts(records_db, "globex")["status"]["open"] == 1
    assert count_alerts(records_db, "initech") == scanned(records_db, "initech")
    for tenant in ("acme", "globex"):
        assert count_alerts(records_db, tenant) == scanned(records_db, tenant)


def test_recount_rebuilds_the_counts_from_the_alerts(records_db: RecordsDatabase) -> None:
    open_alert(records_db)
    open_alert(records_db, tenant="globex", customer_id="G1", decision="review")
    with records_db.engine.begin() as connection:
        connection.execute(delete(AlertCount))
    assert count_alerts(records_db, "acme")["status"]["open"] == 0
    with records_db.engine.begin() as connection:
        recount(connection)
    for tenant in ("acme", "globex"):
        assert count_alerts(records_db, tenant) == scanned(records_db, tenant)
        assert sum(count_alerts(records_db, tenant)["status"].values()) == 1
