"""Purging old deliveries: finished ones before the cutoff go with their attempts; a
pending one stays whatever its age."""

from __future__ import annotations

from datetime import timedelta

from receivers import Receiver
from sqlalchemy import func, select, update

from service.records import RecordsDatabase
from service.records.canonical import now
from service.records.models import WebhookAttempt, WebhookDelivery
from service.settings import Settings
from service.webhooks import publish_now
from service.webhooks.deliver import sweep
from service.webhooks.registry import create_webhook
from service.webhooks.retention import purge_deliveries


def counts(db: RecordsDatabase) -> tuple[int, int]:
    with db.session() as session:
        deliveries = session.scalar(select(func.count()).select_from(WebhookDelivery))
        attempts = session.scalar(select(func.count()).select_from(WebhookAttempt))
    return deliveries or 0, attempts or 0


def test_finished_old_deliveries_are_purged_pending_ones_kept(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    with Receiver() as receiver:
        _, receiver.secret = create_webhook(
            records_db, hook_settings, tenant="acme", url=receiver.url, events=["alert.created"]
        )
        [done] = publish_now(records_db, "acme", "alert.created", {"n": 1})
        assert sweep(records_db, hook_settings) == ["delivered"]
    [owed] = publish_now(records_db, "acme", "alert.created", {"n": 2})
    long_ago = now() - timedelta(days=400)
    with records_db.engine.begin() as connection:
        connection.execute(update(WebhookDelivery).values(created_at=long_ago))
    assert counts(records_db) == (2, 1)
    assert purge_deliveries(records_db, now() - timedelta(days=365), tenant="globex") == 0
    assert purge_deliveries(records_db, now() - timedelta(days=365)) == 1
    assert counts(records_db) == (1, 0)
    with records_db.session() as session:
        assert session.scalar(select(WebhookDelivery.delivery_id)) == owed != done
