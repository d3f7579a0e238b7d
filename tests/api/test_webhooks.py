"""``/v1/webhooks`` over HTTP on SQLite and the real PostgreSQL: registration and its secret,
tenants and roles, problem documents naming the field, deliveries with their attempts as
a real receiver answered them, and replay."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from clients import authed_client
from databases import BACKENDS, database_url
from flask import Flask
from receivers import Receiver

from service.api import create_app
from service.api.auth import get_auth
from service.settings import Settings
from service.webhooks import publish_now


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def app(backend: str, tmp_path: Path, settings: Settings, catalog_of) -> Iterator[Flask]:
    with database_url(backend, tmp_path) as url:
        if backend == "postgresql":
            from service.records import RecordsDatabase, upgrade

            db = RecordsDatabase(url)
            upgrade(db)
            db.dispose()
        made = create_app(
            settings.with_(
                database_url=url,
                key_cache_seconds=0,
                webhooks_allow_http=True,
                webhooks_retry_hours=0.0,  # a failed attempt is final: no retry to wait for
            ),
            catalog_of(),
        )
        yield made
        get_auth(made).db.dispose()


def register(client, url: str, events=("alert.created",)) -> dict:
    answer = client.post("/v1/webhooks", json={"url": url, "events": list(events)})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_register_read_and_delete(app: Flask) -> None:
    admin = authed_client(app, "admin", "acme")
    made = register(admin, "https://127.0.0.1:8443/hook", ["alert.created", "lists.updated"])
    assert made["secret"].startswith("whsec_") and len(made["secret"]) > 40
    assert made["events"] == ["alert.created", "lists.updated"]
    listed = admin.get("/v1/webhooks").get_json()["items"]
    assert [h["id"] for h in listed] == [made["id"]]
    assert (
        "secret" not in listed[0]
        and "secret" not in admin.get(f"/v1/webhooks/{made['id']}").get_json()
    )
    assert admin.delete(f"/v1/webhooks/{made['id']}").status_code == 204
    gone = admin.get(f"/v1/webhooks/{made['id']}")
    assert gone.status_code == 404 and gone.mimetype == "application/problem+json"
    assert admin.get("/v1/webhooks").get_json()["items"] == []


def test_another_tenant_sees_nothing_and_only_an_admin_manages(app: Flask) -> None:
    made = register(authed_client(app, "admin", "acme"), "https://127.0.0.1/hook")
    other = authed_client(app, "admin", "globex")
    base = f"/v1/webhooks/{made['id']}"
    assert other.get("/v1/webhooks").get_json()["items"] == []
    for answer in (
        other.get(base),
        other.delete(base),
        other.get(f"{base}/deliveries"),
        other.post(f"{base}/deliveries/whd_x/replay"),
    ):
        assert answer.status_code == 404, answer.get_json()
    analyst = authed_client(app, "analyst", "acme")
    assert analyst.get("/v1/webhooks").status_code == 403
    assert app.test_client().get("/v1/webhooks").status_code == 401


@pytest.mark.parametrize("backend", ["sqlite"])  # the schema, not the store, answers these
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"events": ["alert.created"]}, "url"),
        ({"url": "https://127.0.0.1/h"}, "events"),
        ({"url": "https://127.0.0.1/h", "events": []}, "events"),
        ({"url": "https://127.0.0.1/h", "events": ["alert.exploded"]}, "events.0"),
        ({"url": "https://10.1.2.3/h", "events": ["alert.created"]}, "url"),
        ({"url": "http://8.8.8.8/h", "events": ["alert.created"]}, "url"),
        ({"url": "https://169.254.169.254/latest", "events": ["alert.created"]}, "url"),
        ({"url": "https://127.0.0.1/h", "events": ["alert.created"], "x": 1}, "x"),
    ],
)
def test_a_bad_registration_is_a_problem_naming_the_field(
    app: Flask, body: dict, field: str
) -> None:
    answer = authed_client(app, "admin", "acme").post("/v1/webhooks", json=body)
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
    assert field in answer.get_json()["errors"], answer.get_json()


def wait_for(client, path: str, status: str) -> dict:
    """Poll until the delivery has ``status``: the API process's pool attempts it."""
    deadline = time.monotonic() + 60
    while (found := client.get(path).get_json())["status"] != status:
        assert time.monotonic() < deadline, found
        time.sleep(0.05)
    return found


def test_deliveries_show_each_attempt_and_a_failed_one_is_replayed(app: Flask) -> None:
    admin = authed_client(app, "admin", "acme")
    with Receiver(statuses=(500,)) as receiver:
        made = register(admin, receiver.url)
        receiver.secret = made["secret"]
        # Published as the alerts service does; handed to this process's pool at commit.
        [delivery_id] = publish_now(get_auth(app).db, "acme", "alert.created", {"alert_id": "a"})
        base = f"/v1/webhooks/{made['id']}/deliveries"
        failed = wait_for(admin, f"{base}/{delivery_id}", "failed")
        [attempt] = failed["attempts"]
        assert attempt["status_code"] == 500 and "500" in attempt["error"]
        assert attempt["outcome"] == "failed" and attempt["at"]
        page = admin.get(base).get_json()
        assert [i["id"] for i in page["items"]] == [delivery_id] and page["next_cursor"] is None
        receiver.statuses = [200]
        replayed = admin.post(f"{base}/{delivery_id}/replay")
        assert replayed.status_code == 202, replayed.get_json()
        one = wait_for(admin, f"{base}/{delivery_id}", "delivered")
        again = admin.post(f"{base}/{delivery_id}/replay")
        assert again.status_code == 409 and "delivered" in again.get_json()["detail"]
    assert [a["status_code"] for a in one["attempts"]] == [500, 200]
    assert len(receiver.received) == 2 and all(r.verified for r in receiver.received)
    assert admin.get(f"{base}?status=failed").get_json()["items"] == []
    assert admin.get(f"{base}?cursor=nope").status_code == 400


def received(receiver: Receiver, event_type: str, count: int = 1) -> list[dict]:
    """The verified bodies of ``event_type`` once ``count`` have arrived (pool delivers)."""
    deadline = time.monotonic() + 60
    while True:
        bodies = [r.body for r in receiver.received if r.body["type"] == event_type]
        if len(bodies) >= count:
            assert all(r.verified for r in receiver.received)
            return bodies
        assert time.monotonic() < deadline, [r.body["type"] for r in receiver.received]
        time.sleep(0.05)


def test_alerts_and_batches_announce_themselves(app: Flask) -> None:
    events = ["alert.created", "alert.closed", "batch.completed"]
    with Receiver() as receiver:
        made = register(authed_client(app, "admin", "acme"), receiver.url, events)
        receiver.secret = made["secret"]
        register(authed_client(app, "admin", "globex"), receiver.url, events)  # no secret:
        # a delivery of globex's would fail verification; there must be none.
        screener = authed_client(app, "screener", "acme")
        answer = screener.post("/v1/screen", json={"name": "Banco Nacional de Cuba"})
        alert_id = answer.headers["Screening-Alert"]
        [created] = received(receiver, "alert.created")
        assert created["data"]["alert_id"] == alert_id and created["data"]["status"] == "open"
        assert created["data"]["decision"] == answer.get_json()["decision"]

        analyst = authed_client(app, "analyst", "acme")
        decision = {"outcome": "false_positive", "reason": "different_country", "note": "n"}
        got = analyst.post(f"/v1/alerts/{alert_id}/decision", json=decision)
        assert got.get_json()["status"] == "pending_approval"  # not closed yet: no event
        approver = authed_client(app, "approver", "acme")
        approved = approver.post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
        assert approved.get_json()["status"] == "closed"
        [closed] = received(receiver, "alert.closed")
        assert closed["data"]["alert_id"] == alert_id and closed["data"]["status"] == "closed"
        assert closed["data"]["outcome"] == "false_positive"

        csv = b"name\nHarmless Bakery\nBANCO NACIONAL DE CUBA\n"
        upload = {"file": (io.BytesIO(csv), "c.csv")}
        batch = screener.post("/v1/batches", data=upload, content_type="multipart/form-data")
        assert batch.status_code == 202, batch.get_json()
        [completed] = received(receiver, "batch.completed")
        assert completed["data"]["batch_id"] == batch.get_json()["id"]
        assert completed["data"]["rows"] == 2
    assert len({r.body["id"] for r in receiver.received}) == len(receiver.received)
    assert not [r for r in receiver.received if not r.verified]


def test_the_openapi_document_describes_what_receivers_get(app: Flask) -> None:
    spec = app.test_client().get("/openapi.json").get_json()
    event = spec["components"]["schemas"]["WebhookEvent"]["properties"]
    assert set(event) == {"id", "type", "time", "data"}
    assert "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay" in spec["paths"]
