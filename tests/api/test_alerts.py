"""Alert work through HTTP, on SQLite and on the real PostgreSQL: the whole cycle of a
false positive (alert, four eyes, suppression, revocation, a changed list entry), the
queue's filters and pages, illegal transitions, roles and tenants, and the chain."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clients import authed_client
from databases import BACKENDS, database_url
from factories import TEST_ENTITIES, entity
from flask import Flask
from flask.testing import FlaskClient

from service.api import create_app
from service.api.auth import get_auth
from service.records.audit import verify
from service.settings import Settings
from service.store import Catalog

BANK = {"name": "Banco Nacional de Cuba", "customer_id": "CUST-1"}


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        if request.param == "postgresql":
            from service.records import RecordsDatabase, upgrade

            db = RecordsDatabase(url)
            upgrade(db)
            db.dispose()
        yield url


@pytest.fixture
def make_app(
    settings: Settings, db_url: str, catalog_of: Callable[..., Catalog]
) -> Iterator[Callable[..., Flask]]:
    apps: list[Flask] = []

    def make(*entities) -> Flask:
        app = create_app(
            settings.with_(database_url=db_url, key_cache_seconds=0), catalog_of(*entities)
        )
        apps.append(app)
        return app

    yield make
    for app in apps:
        get_auth(app).db.dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


def people(app: Flask, tenant: str = "acme") -> dict[str, FlaskClient]:
    return {
        role: authed_client(app, role.rstrip("2"), tenant)
        for role in ("screener", "analyst", "approver", "approver2")
    }


def opened(client: FlaskClient, body: dict) -> str:
    answer = client.post("/v1/screen", json=body)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["decision"] != "clear"
    return answer.headers["Screening-Alert"]


def test_a_false_positive_is_cleared_with_four_eyes_and_then_suppressed(app: Flask) -> None:
    p = people(app)
    first = p["screener"].post("/v1/screen", json=BANK)
    assert first.get_json()["decision"] == "block"
    alert_id = first.headers["Screening-Alert"]
    assert opened(p["screener"], BANK) == alert_id  # same subject, same match: joins

    alert = p["analyst"].get(f"/v1/alerts/{alert_id}").get_json()
    assert alert["status"] == "open" and alert["screenings"] == 2
    assert alert["screening_id"] == first.get_json()["screening_id"]
    assert alert["source"] == "screen" and alert["decision"] == "block"
    assert alert["priority"] == "high" and alert["due_at"] > alert["created_at"]
    assert alert["subject"]["customer_id"] == "CUST-1"
    (match,) = alert["matches"]
    assert (match["list"], match["source_id"]) == ("test_list", "1")
    assert match["fingerprint"].startswith("fp1:") and match["explanation"]

    analyst = p["analyst"]
    assert analyst.post(f"/v1/alerts/{alert_id}/assign", json={}).get_json()["status"] == (
        "in_review"
    )
    decided = analyst.post(
        f"/v1/alerts/{alert_id}/decision",
        json={"outcome": "false_positive", "reason": "different_country", "note": "a bakery"},
    )
    assert decided.get_json()["status"] == "pending_approval"  # a block needs four eyes
    assert analyst.post(f"/v1/alerts/{alert_id}/approval", json={"approve": True}).status_code == (
        403
    )
    approved = p["approver"].post(
        f"/v1/alerts/{alert_id}/approval", json={"approve": True, "note": "agreed"}
    )
    assert approved.get_json()["status"] == "closed"

    again = p["screener"].post("/v1/screen", json=BANK)
    body = again.get_json()
    assert body["decision"] == "clear" and "Screening-Alert" not in again.headers
    mark = body["matches"][0]["suppressed"]
    assert body["matches"][0]["target_id"]  # a suppressed match still names its target
    assert mark["alert_id"] == alert_id and mark["approved_by"] and mark["expires_at"]
    assert any(r["code"] == "suppressed" for r in body["reasons"])

    events = p["analyst"].get(f"/v1/alerts/{alert_id}").get_json()["events"]
    assert [e["event"] for e in events] == [
        "opened", "joined", "assigned", "decided", "approved", "suppressed",
    ]  # fmt: skip
    decided_event = events[3]
    assert (decided_event["from_status"], decided_event["to_status"]) == (
        "in_review",
        "pending_approval",
    )
    assert decided_event["reason"] == "different_country" and decided_event["note"] == "a bakery"

    (suppression,) = p["analyst"].get("/v1/suppressions").get_json()["items"]
    assert suppression["suppression_id"] == mark["suppression_id"]
    revoked = p["analyst"].delete(f"/v1/suppressions/{mark['suppression_id']}")
    assert revoked.get_json()["revoked_at"]
    assert p["analyst"].get("/v1/suppressions").get_json()["items"] == []
    assert opened(p["screener"], BANK) != alert_id  # counted again: a new alert

    (report,) = verify(get_auth(app).db, get_auth(app).secret, "acme")
    assert report.ok, report.problem


def test_the_deciding_analyst_cannot_approve_their_own_decision(app: Flask) -> None:
    p = people(app)
    alert_id = opened(p["screener"], BANK)
    p["approver"].post(
        f"/v1/alerts/{alert_id}/decision",
        json={"outcome": "true_match", "reason": "confirmed_listed"},
    )
    own = p["approver"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
    assert own.status_code == 403
    assert own.headers["Content-Type"] == "application/problem+json"
    back = p["approver2"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": False})
    assert back.get_json()["status"] == "in_review"
    alert = p["analyst"].get(f"/v1/alerts/{alert_id}").get_json()
    assert alert["outcome"] is None and alert["assignee"] == alert["events"][-1]["assignee"]
    # A true match is never a suppression.
    assert p["analyst"].get("/v1/suppressions").get_json()["items"] == []


def test_a_changed_list_entry_lapses_the_suppression_and_says_what_changed(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app()
    p = people(app)
    alert_id = opened(p["screener"], BANK)
    p["analyst"].post(
        f"/v1/alerts/{alert_id}/decision",
        json={"outcome": "false_positive", "reason": "name_only_match"},
    )
    p["approver"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
    assert p["screener"].post("/v1/screen", json=BANK).get_json()["decision"] == "clear"

    updated = (
        entity("1", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", "BNC", countries=["CU"]),
        *TEST_ENTITIES[1:],
    )
    after = make_app(*updated)  # the same store, a list update that adds an alias
    screener = authed_client(after, "screener", "acme")
    new_id = opened(screener, BANK)
    assert new_id != alert_id
    (change,) = (
        authed_client(after, "analyst", "acme").get(f"/v1/alerts/{new_id}").get_json()["changes"]
    )
    assert change["cleared_in"] == alert_id
    assert change["changed"] == {"names": {"added": ["bnc"], "removed": []}}


def test_illegal_transitions_answer_409_naming_the_status(app: Flask) -> None:
    p = people(app)
    alert_id = opened(p["screener"], BANK)
    early = p["approver"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
    assert early.status_code == 409
    assert early.headers["Content-Type"] == "application/problem+json"
    assert "status is open" in early.get_json()["detail"]
    bad = p["analyst"].post(
        f"/v1/alerts/{alert_id}/decision", json={"outcome": "false_positive", "reason": "hunch"}
    )
    assert bad.status_code == 400 and "reason" in bad.get_json()["errors"]
    reasons = p["analyst"].get("/v1/alerts/reasons").get_json()["reasons"]
    assert {"name_only_match", "different_date_of_birth", "confirmed_listed", "other"} <= set(
        reasons
    )


def test_tenants_and_roles(app: Flask) -> None:
    p = people(app)
    alert_id = opened(p["screener"], BANK)
    other = authed_client(app, "analyst", "globex")
    assert other.get(f"/v1/alerts/{alert_id}").status_code == 404
    assert other.post(f"/v1/alerts/{alert_id}/assign", json={}).status_code == 404
    assert other.get("/v1/alerts").get_json()["items"] == []
    assert p["screener"].get("/v1/alerts").status_code == 403


def test_policy_per_tenant_can_require_approval_of_every_false_positive(app: Flask) -> None:
    p = people(app)
    admin = authed_client(app, "admin", "acme")
    review = {"name": "Banko Nacional Cuba", "customer_id": "CUST-9"}
    alert_id = opened(p["screener"], review)
    no_eyes = {"outcome": "false_positive", "reason": "different_date_of_birth"}
    assert p["analyst"].get(f"/v1/alerts/{alert_id}").get_json()["decision"] == "review"
    got = p["analyst"].post(f"/v1/alerts/{alert_id}/decision", json=no_eyes)
    assert got.get_json()["status"] == "closed"  # default: no second pair of eyes
    assert admin.put("/v1/alerts/policy", json={"approval": ["false_positive"]}).status_code == 200
    assert p["analyst"].put("/v1/alerts/policy", json={"approval": []}).status_code == 403
    second = opened(p["screener"], BANK | {"customer_id": "CUST-2"})
    got = p["analyst"].post(f"/v1/alerts/{second}/decision", json=no_eyes)
    assert got.get_json()["status"] == "pending_approval"


def test_the_queue_filters_sorts_and_pages(app: Flask) -> None:
    p = people(app)
    ids = [opened(p["screener"], BANK | {"customer_id": f"C-{n}"}) for n in range(5)]
    tx = p["screener"].post(
        "/v1/screen/transaction",
        json={
            "request_id": "PAY-1",
            "parties": [
                {"id": "payee", "role": "beneficiary", "name": "Orient Shipping Company Ltd"}
            ],
        },
    )
    assert tx.status_code == 200 and tx.get_json()["decision"] != "clear", tx.get_json()
    analyst = p["analyst"]
    page = analyst.get("/v1/alerts?limit=2").get_json()
    seen = [a["alert_id"] for a in page["items"]]
    while page["next_cursor"]:
        page = analyst.get(f"/v1/alerts?limit=2&cursor={page['next_cursor']}").get_json()
        seen += [a["alert_id"] for a in page["items"]]
    assert set(ids) <= set(seen) and len(seen) == len(set(seen))
    assert page["counts"]["status"]["open"] == len(seen)
    (got,) = analyst.get("/v1/alerts?source=transaction").get_json()["items"]
    assert got["subject"]["customer_id"] == "PAY-1" and got["lists"] == ["other_list"]
    assert got["alert_id"] == tx.headers["Screening-Alert"]
    assert [
        a["alert_id"] for a in analyst.get("/v1/alerts?list=other_list").get_json()["items"]
    ] == [got["alert_id"]]
    analyst.post(f"/v1/alerts/{ids[0]}/assign", json={})
    mine = analyst.get("/v1/alerts?status=in_review").get_json()["items"]
    assert [a["alert_id"] for a in mine] == [ids[0]]
    assert analyst.get("/v1/alerts?cursor=nonsense").status_code == 400
    assert analyst.get("/v1/alerts?status=done").status_code == 400


def _batch(client: FlaskClient, csv: bytes) -> list[dict]:
    import io
    import time

    sent = client.post(
        "/v1/batches",
        data={"file": (io.BytesIO(csv), "customers.csv")},
        content_type="multipart/form-data",
    )
    assert sent.status_code == 202, sent.get_json()
    deadline = time.monotonic() + 30
    status = client.get(sent.headers["Location"]).get_json()
    while status["state"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.05)
        status = client.get(sent.headers["Location"]).get_json()
    assert status["state"] == "done", status
    return client.get(status["results"] + "?format=jsonl").get_data(as_text=True).splitlines()


def test_batch_rows_open_alerts_by_customer_id_and_respect_suppressions(app: Flask) -> None:
    p = people(app)
    csv = b"customer_id,name\nB1,Banco Nacional de Cuba\nB2,Harmless Bakery Ltd\n"
    _batch(p["screener"], csv)
    (alert,) = p["analyst"].get("/v1/alerts?source=batch").get_json()["items"]
    assert alert["subject"]["customer_id"] == "B1" and alert["decision"] == "block"
    alert_id = alert["alert_id"]
    p["analyst"].post(
        f"/v1/alerts/{alert_id}/decision",
        json={"outcome": "false_positive", "reason": "different_country"},
    )
    done = p["approver"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
    assert done.get_json()["status"] == "closed", done.get_json()
    assert p["analyst"].get("/v1/suppressions").get_json()["items"]

    rows = [__import__("json").loads(line) for line in _batch(p["screener"], csv)]
    assert [r["screening_decision"] for r in rows] == ["clear", "clear"]
    assert p["analyst"].get("/v1/alerts?source=batch&status=open").get_json()["items"] == []
    # The same customer screened one by one is suppressed too: one subject, one memory.
    single = p["screener"].post("/v1/screen", json=BANK | {"customer_id": "B1"}).get_json()
    assert single["decision"] == "clear" and single["matches"][0]["suppressed"]
