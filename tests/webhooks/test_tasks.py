"""The RQ job function delivers with the settings the worker prepared."""

from __future__ import annotations

from receivers import Receiver

from service.records import RecordsDatabase
from service.settings import Settings
from service.webhooks import publish_now, tasks
from service.webhooks.registry import create_webhook


def test_deliver_posts_once_and_a_second_run_skips(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    tasks.prepare(hook_settings)
    try:
        with Receiver() as receiver:
            _, receiver.secret = create_webhook(
                records_db, hook_settings, tenant="acme", url=receiver.url, events=["alert.closed"]
            )
            [delivery_id] = publish_now(records_db, "acme", "alert.closed", {})
            assert tasks.deliver(delivery_id) == "delivered"
            assert tasks.deliver(delivery_id) == "skipped"  # a duplicate job posts nothing
        assert len(receiver.received) == 1 and receiver.received[0].verified
    finally:
        tasks._CONTEXT = None
