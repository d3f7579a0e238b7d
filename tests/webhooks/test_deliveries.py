"""A webhook's deliveries, page by page with their attempts, and replay of a failed one."""

from __future__ import annotations

import pytest
from receivers import Receiver

from service.records import RecordsDatabase
from service.settings import Settings
from service.webhooks import publish_now
from service.webhooks.deliver import sweep
from service.webhooks.deliveries import (
    DeliveryNotFound,
    InvalidDeliveryCursor,
    NotReplayable,
    get_delivery,
    list_deliveries,
    replay,
)
from service.webhooks.registry import WebhookNotFound, create_webhook


def test_pages_filters_and_tenants(records_db: RecordsDatabase, hook_settings: Settings) -> None:
    made, _ = create_webhook(records_db, hook_settings, tenant="acme",
                             url="https://127.0.0.1/h", events=["alert.created"])  # fmt: skip
    ids = [publish_now(records_db, "acme", "alert.created", {"n": n})[0] for n in range(3)]
    first, cursor = list_deliveries(records_db, "acme", made["id"], limit=2)
    assert [d["id"] for d in first] == ids[:0:-1] and cursor is not None
    rest, end = list_deliveries(records_db, "acme", made["id"], limit=2, cursor=cursor)
    assert [d["id"] for d in rest] == ids[:1] and end is None
    assert first[0]["status"] == "pending" and first[0]["attempts"] == []
    assert list_deliveries(records_db, "acme", made["id"], status="failed") == ([], None)
    with pytest.raises(InvalidDeliveryCursor):
        list_deliveries(records_db, "acme", made["id"], cursor="abc")
    with pytest.raises(WebhookNotFound):
        list_deliveries(records_db, "globex", made["id"])
    with pytest.raises(DeliveryNotFound):
        get_delivery(records_db, "globex", made["id"], ids[0])


def test_only_a_failed_delivery_is_replayed(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    settings = hook_settings.with_(webhooks_retry_hours=0.0)
    with Receiver(statuses=(500, 200)) as receiver:
        made, receiver.secret = create_webhook(
            records_db, settings, tenant="acme", url=receiver.url, events=["alert.created"]
        )
        [delivery_id] = publish_now(records_db, "acme", "alert.created", {})
        with pytest.raises(NotReplayable, match="pending"):
            replay(records_db, "acme", made["id"], delivery_id)
        assert sweep(records_db, settings) == ["failed"]
        with pytest.raises(WebhookNotFound):
            replay(records_db, "globex", made["id"], delivery_id)
        with pytest.raises(DeliveryNotFound):
            replay(records_db, "acme", made["id"], "whd_other")
        again = replay(records_db, "acme", made["id"], delivery_id)
        assert again["status"] == "pending" and again["next_attempt_at"]
        assert sweep(records_db, settings) == ["delivered"]
        with pytest.raises(NotReplayable, match="delivered"):
            replay(records_db, "acme", made["id"], delivery_id)
    done = get_delivery(records_db, "acme", made["id"], delivery_id)
    assert [(a["outcome"], a["status_code"]) for a in done["attempts"]] == [
        ("failed", 500),
        ("delivered", 200),
    ]
    assert done["attempt_count"] == 1 and done["delivered_at"]  # tries since the replay
