"""Registering, reading and deleting a tenant's webhooks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.records import RecordsDatabase
from service.records.models import Webhook, WebhookDelivery
from service.settings import Settings
from service.webhooks import publish_now
from service.webhooks.events import UnknownEvent
from service.webhooks.registry import (
    MAX_WEBHOOKS,
    TooManyWebhooks,
    WebhookNotFound,
    create_webhook,
    delete_webhook,
    get_webhook,
    list_webhooks,
)
from service.webhooks.urls import RefusedUrl

URL = "https://127.0.0.1/hook"


def test_the_secret_is_new_each_time_and_kept_to_sign(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    events = ["alert.closed", "alert.created", "alert.closed"]
    one, secret = create_webhook(records_db, hook_settings, tenant="acme", url=URL, events=events)
    _, other = create_webhook(
        records_db, hook_settings, tenant="acme", url=URL, events=["lists.updated"]
    )
    assert secret != other and secret.startswith("whsec_")
    assert one["events"] == ["alert.closed", "alert.created"] and "secret" not in one
    with records_db.session() as session:
        stored = session.scalar(select(Webhook.secret).where(Webhook.webhook_id == one["id"]))
    assert stored == secret  # signing needs it as issued (see the module docstring)
    assert get_webhook(records_db, "acme", one["id"]) == one
    assert [h["id"] for h in list_webhooks(records_db, "acme")][0] == one["id"]


def test_another_tenant_finds_nothing(records_db: RecordsDatabase, hook_settings: Settings) -> None:
    made, _ = create_webhook(
        records_db, hook_settings, tenant="acme", url=URL, events=["alert.created"]
    )
    assert list_webhooks(records_db, "globex") == []
    with pytest.raises(WebhookNotFound):
        get_webhook(records_db, "globex", made["id"])
    with pytest.raises(WebhookNotFound):
        delete_webhook(records_db, "globex", made["id"])


def test_deleting_cancels_pending_deliveries_and_keeps_history(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    made, _ = create_webhook(
        records_db, hook_settings, tenant="acme", url=URL, events=["alert.created"]
    )
    [delivery_id] = publish_now(records_db, "acme", "alert.created", {})
    delete_webhook(records_db, "acme", made["id"])
    with records_db.session() as session:
        status = session.scalar(
            select(WebhookDelivery.status).where(WebhookDelivery.delivery_id == delivery_id)
        )
    assert status == "cancelled"
    assert list_webhooks(records_db, "acme") == []
    assert publish_now(records_db, "acme", "alert.created", {}) == []


def test_refusals_store_nothing(records_db: RecordsDatabase, hook_settings: Settings) -> None:
    with pytest.raises(UnknownEvent):
        create_webhook(records_db, hook_settings, tenant="acme", url=URL, events=["alert.gone"])
    with pytest.raises(RefusedUrl):
        create_webhook(records_db, hook_settings, tenant="acme", url="https://10.0.0.1/",
                       events=["alert.created"])  # fmt: skip
    assert list_webhooks(records_db, "acme") == []
    for _ in range(MAX_WEBHOOKS):
        create_webhook(records_db, hook_settings, tenant="acme", url=URL, events=["alert.created"])
    with pytest.raises(TooManyWebhooks):
        create_webhook(records_db, hook_settings, tenant="acme", url=URL, events=["alert.created"])
    create_webhook(records_db, hook_settings, tenant="globex", url=URL, events=["alert.created"])
