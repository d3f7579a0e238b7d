"""Deliveries to a real receiver: signed, retried with backoff on a clock we advance,
failed when the window closes, and never lost when the worker holding one is killed."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta

from receivers import Receiver
from sqlalchemy import select

from service.records import RecordsDatabase
from service.records.canonical import now, utc
from service.records.models import WebhookDelivery
from service.settings import Settings
from service.webhooks import publish_now
from service.webhooks.deliver import due, lease_seconds, next_delay, sweep
from service.webhooks.registry import create_webhook


def register(db: RecordsDatabase, settings: Settings, receiver: Receiver, events=None) -> str:
    hook, secret = create_webhook(
        db, settings, tenant="acme", url=receiver.url, events=events or ["alert.created"]
    )
    receiver.secret = secret
    return hook["id"]


def delivery(db: RecordsDatabase, delivery_id: str) -> WebhookDelivery:
    with db.session() as session:
        return session.scalars(
            select(WebhookDelivery).where(WebhookDelivery.delivery_id == delivery_id)
        ).one()


def test_a_delivery_is_signed_and_carries_the_event(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    from prometheus_client import REGISTRY

    def delivered() -> float:
        sample = "screening_webhook_attempts_total"
        return REGISTRY.get_sample_value(sample, {"outcome": "delivered"}) or 0.0

    before = delivered()
    with Receiver() as receiver:
        register(records_db, hook_settings, receiver)
        [delivery_id] = publish_now(records_db, "acme", "alert.created", {"alert_id": "alr_1"})
        assert sweep(records_db, hook_settings) == ["delivered"]
    assert delivered() == before + 1
    [got] = receiver.received
    assert got.verified and got.path == "/hooks/screening"
    assert got.body["type"] == "alert.created" and got.body["data"] == {"alert_id": "alr_1"}
    assert (
        got.body["id"]
        == got.headers["X-Screening-Event-Id"]
        == delivery(records_db, delivery_id).event_id
    )
    assert delivery(records_db, delivery_id).status == "delivered"


def test_another_tenants_event_and_unwanted_events_make_no_delivery(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    with Receiver() as receiver:
        register(records_db, hook_settings, receiver)
        assert publish_now(records_db, "other", "alert.created", {}) == []
        assert publish_now(records_db, "acme", "alert.closed", {}) == []
        assert len(publish_now(records_db, "acme", "alert.created", {})) == 1


def test_a_failing_receiver_gets_retries_with_growing_delays(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    with Receiver(statuses=(500, 503, 200)) as receiver:
        register(records_db, hook_settings, receiver)
        [delivery_id] = publish_now(records_db, "acme", "alert.created", {"n": 1})
        t0 = now()
        assert sweep(records_db, hook_settings, t0) == ["retry"]
        assert sweep(records_db, hook_settings, t0) == []  # not due yet
        second = t0 + timedelta(seconds=next_delay(1))
        assert sweep(records_db, hook_settings, second - timedelta(seconds=1)) == []
        assert sweep(records_db, hook_settings, second) == ["retry"]
        third = second + timedelta(seconds=next_delay(2))
        assert next_delay(2) == 2 * next_delay(1)
        assert sweep(records_db, hook_settings, third) == ["delivered"]
    assert [r.verified for r in receiver.received] == [True, True, True]
    assert len({r.body["id"] for r in receiver.received}) == 1  # one event id: dedupable
    row = delivery(records_db, delivery_id)
    assert (row.status, row.attempts) == ("delivered", 3)


def test_retries_stop_after_the_window_and_a_failed_delivery_can_be_replayed(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    from service.webhooks.deliveries import replay

    settings = hook_settings.with_(webhooks_retry_hours=1.0)
    with Receiver(statuses=(500,)) as receiver:
        hook_id = register(records_db, settings, receiver)
        [delivery_id] = publish_now(records_db, "acme", "alert.created", {})
        clock = now()
        outcomes: list[str] = []
        while not outcomes or outcomes[-1] == "retry":
            outcomes += sweep(records_db, settings, clock)
            row = delivery(records_db, delivery_id)
            clock = utc(row.next_attempt_at) if row.next_attempt_at else clock
        assert outcomes[-1] == "failed" and set(outcomes[:-1]) == {"retry"}
        row = delivery(records_db, delivery_id)
        assert row.status == "failed" and row.next_attempt_at is None
        assert utc(row.retry_from) + timedelta(hours=1) >= clock  # within the hour, then no more
        assert len(receiver.received) == len(outcomes) == row.attempts
        receiver.statuses = [200]
        replayed = replay(records_db, "acme", hook_id, delivery_id)
        assert replayed["status"] == "pending"
        assert sweep(records_db, settings) == ["delivered"]
    assert receiver.received[-1].body["id"] == receiver.received[0].body["id"]


def test_the_url_policy_is_checked_again_at_delivery(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    with Receiver() as receiver:
        register(records_db, hook_settings, receiver)  # allowed when registered
        [delivery_id] = publish_now(records_db, "acme", "alert.created", {})
        strict = hook_settings.with_(webhooks_allow_http=False)
        assert sweep(records_db, strict) == ["retry"]
    assert receiver.received == []
    from service.webhooks.deliveries import get_delivery

    row = delivery(records_db, delivery_id)
    [attempt] = get_delivery(records_db, "acme", row.webhook_id, delivery_id)["attempts"]
    assert attempt["error"].startswith("refused:") and "loopback" in attempt["error"]


KILLABLE = """
import sys
from service.records import RecordsDatabase
from service.settings import Settings
from service.webhooks.deliver import attempt
settings = Settings(database_url=sys.argv[1], webhooks_allow_http=True, webhooks_timeout=30)
attempt(RecordsDatabase(sys.argv[1]), settings, sys.argv[2])
"""


def test_a_killed_worker_loses_no_delivery(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    with Receiver(hang=True) as receiver:
        register(records_db, hook_settings, receiver)
        [delivery_id] = publish_now(records_db, "acme", "alert.created", {"n": 1})
        worker = subprocess.Popen([sys.executable, "-c", KILLABLE, records_db.url, delivery_id])
        try:
            deadline = time.monotonic() + 60
            while not receiver.received and worker.poll() is None:
                assert time.monotonic() < deadline, "the worker never posted"
                time.sleep(0.05)
        finally:
            worker.kill()
            worker.wait()
        receiver.hang = False
        receiver.release.set()
        row = delivery(records_db, delivery_id)
        assert row.status == "pending" and row.claimed_until is not None  # held, not lost
        at = now()
        assert due(records_db, at) == []  # the dead worker's lease still holds
        worker_lease = Settings(webhooks_timeout=30)
        later = utc(row.claimed_until) + timedelta(seconds=1)
        assert later <= at + timedelta(seconds=lease_seconds(worker_lease) + 1)
        assert sweep(records_db, hook_settings, later) == ["delivered"]
    assert len(receiver.received) == 2 and receiver.received[1].verified
    assert delivery(records_db, delivery_id).status == "delivered"
