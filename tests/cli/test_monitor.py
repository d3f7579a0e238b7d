"""``screening monitor --once`` on the bundled sample list: the first run with an empty
book is the baseline, the next one finds nothing changed; both are on record."""

from __future__ import annotations

import json

from sqlalchemy import select

from service.records import ensure_schema, records_database
from service.records.models import WebhookDelivery
from service.settings import Settings
from service.webhooks.registry import create_webhook


def test_monitor_once_records_each_run(run) -> None:
    first = run("monitor", "--once")
    assert first.exit_code == 0, first.output
    assert "(baseline): 0 customers re-screened, 0 new alerts" in first.output
    second = run("monitor", "--once", "--json")
    assert second.exit_code == 0, second.output
    summary = json.loads(second.stdout)
    assert summary["mode"] == "unchanged"
    assert summary["versions_before"] == summary["versions_after"] != {}


def test_monitor_refuses_a_lists_folder_with_no_list(run, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    failed = run("monitor", "--once", "--lists-dir", str(empty))
    assert failed.exit_code == 1 and "no list loaded, nothing re-screened" in failed.output


def test_a_run_is_announced_to_each_subscribed_tenant(run, tmp_path) -> None:
    """``monitoring.run_completed`` goes into the webhook outbox, one per tenant."""
    settings = Settings(data_dir=tmp_path / "data", webhooks_allow_http=True)
    db = records_database(settings)
    ensure_schema(db)
    url = "http://127.0.0.1:9/hook"
    create_webhook(db, settings, tenant="acme", url=url, events=["monitoring.run_completed"])
    done = run("monitor", "--once")
    assert done.exit_code == 0, done.output
    with db.session() as session:
        (delivery,) = session.scalars(select(WebhookDelivery)).all()
    body = json.loads(delivery.body)
    assert (delivery.tenant, body["type"]) == ("acme", "monitoring.run_completed")
    assert body["data"]["mode"] == "baseline" and body["data"]["rescreened"] == 0
