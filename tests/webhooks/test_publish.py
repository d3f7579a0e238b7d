"""Publishing: one delivery per subscribed webhook, written in the caller's transaction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from service.records import RecordsDatabase
from service.records.models import WebhookDelivery
from service.settings import Settings
from service.webhooks import publish, publish_now, publish_per_tenant
from service.webhooks.registry import create_webhook, delete_webhook

URL = "https://127.0.0.1/hook"


def count(db: RecordsDatabase) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(WebhookDelivery)) or 0


def test_a_rolled_back_event_has_no_delivery(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    create_webhook(records_db, hook_settings, tenant="acme", url=URL, events=["alert.created"])
    with pytest.raises(RuntimeError):
        with records_db.engine.begin() as connection:
            assert len(publish(connection, "acme", "alert.created", {"a": 1})) == 1
            raise RuntimeError("the alert could not be written")
    assert count(records_db) == 0
    with records_db.engine.begin() as connection:
        publish(connection, "acme", "alert.created", {"a": 1})
    assert count(records_db) == 1


def test_lists_updated_goes_to_every_tenant_that_wants_it(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    for tenant in ("acme", "globex"):
        create_webhook(records_db, hook_settings, tenant=tenant, url=URL, events=["lists.updated"])
    create_webhook(records_db, hook_settings, tenant="initech", url=URL, events=["alert.created"])
    gone, _ = create_webhook(
        records_db, hook_settings, tenant="acme", url=URL, events=["lists.updated"]
    )
    delete_webhook(records_db, "acme", gone["id"])
    ids = publish_now(records_db, None, "lists.updated", {"list_id": "ofac_sdn"})
    with records_db.session() as session:
        rows = session.scalars(
            select(WebhookDelivery).where(WebhookDelivery.delivery_id.in_(ids))
        ).all()
    assert sorted(r.tenant for r in rows) == ["acme", "globex"]
    assert len({r.event_id for r in rows}) == 1 and len({r.body for r in rows}) == 1
    assert {r.status for r in rows} == {"pending"}


def test_a_tenant_event_must_name_its_tenant(records_db: RecordsDatabase) -> None:
    with pytest.raises(ValueError, match="tenant"):
        publish_now(records_db, None, "alert.created", {})
    with pytest.raises(ValueError, match="Unknown event"):
        publish_now(records_db, "acme", "alert.exploded", {})


def test_a_per_tenant_event_gives_each_subscribed_tenant_its_own_view(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    for tenant in ("acme", "globex"):
        create_webhook(
            records_db, hook_settings, tenant=tenant, url=URL, events=["monitoring.run_completed"]
        )
    create_webhook(records_db, hook_settings, tenant="initech", url=URL, events=["alert.created"])
    sent = publish_per_tenant(records_db, "monitoring.run_completed", lambda t: {"tenant": t})
    assert sorted(sent) == ["acme", "globex"] and all(len(ids) == 1 for ids in sent.values())
    with records_db.session() as session:
        rows = session.scalars(select(WebhookDelivery)).all()
    assert sorted((r.tenant, json.loads(r.body)["data"]["tenant"]) for r in rows) == [
        ("acme", "acme"),
        ("globex", "globex"),
    ]
