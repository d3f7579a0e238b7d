"""Alert work end to end through HTTP, on SQLite and on the real PostgreSQL: the whole
cycle of a false positive (alert, four eyes, suppression, revocation, a changed list
entry), the queue over HTTP, refusals as problem documents, and batches.

Each module's own concept is tested beside it: tests/alerts/test_*.py (reduction, store,
workflow, suppression, batch reviewer), tests/api/test_alerting.py and
tests/api/test_suppressions.py."""

from __future__ import annotations

import io
import json
import time
import uuid
from collections.abc import Callable

import pytest
from alert_fixtures import close_false_positive, opened, people
from clients import authed_client
from factories import TEST_ENTITIES, entity
from flask import Flask
from flask.testing import FlaskClient
from payment_messages import Plant, mt103, pacs008

from service.api import create_app
from service.api.auth import get_auth
from service.core.model import Entity
from service.records import RecordsDatabase
from service.records.audit import verify
from service.settings import Settings
from service.store import Catalog

BANK = {"name": "Banco Nacional de Cuba", "customer_id": "CUST-1"}


@pytest.fixture
def make_app(
    settings: Settings, records_db: RecordsDatabase, catalog_of: Callable[..., Catalog]
) -> Callable[..., Flask]:
    """Apps over one records store (SQLite, then PostgreSQL), each with its own lists."""

    def make(*entities: Entity) -> Flask:
        configured = settings.with_(database_url=records_db.url, key_cache_seconds=0)
        return create_app(configured, catalog_of(*entities))

    return make


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


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

    revoked = p["analyst"].delete(f"/v1/suppressions/{mark['suppression_id']}")
    assert revoked.status_code == 200  # (tests/api/test_suppressions.py)
    assert opened(p["screener"], BANK) != alert_id  # counted again: a new alert

    (report,) = verify(get_auth(app).db, get_auth(app).secret, "acme")
    assert report.ok, report.problem


def test_a_changed_list_entry_lapses_the_suppression_and_says_what_changed(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app()
    p = people(app)
    alert_id = opened(p["screener"], BANK)
    close_false_positive(p, alert_id)
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


def test_refusals_are_problem_documents_naming_what_is_wrong(app: Flask) -> None:
    """The workflow's refusals (tests/alerts/test_workflow.py) as HTTP answers."""
    p = people(app)
    alert_id = opened(p["screener"], BANK)
    early = p["approver"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
    assert early.status_code == 409 and "status is open" in early.get_json()["detail"]
    bad = p["analyst"].post(
        f"/v1/alerts/{alert_id}/decision", json={"outcome": "false_positive", "reason": "hunch"}
    )
    assert bad.status_code == 400 and "reason" in bad.get_json()["errors"]
    p["approver"].post(
        f"/v1/alerts/{alert_id}/decision",
        json={"outcome": "true_match", "reason": "confirmed_listed"},
    )
    own = p["approver"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
    assert own.status_code == 403  # four eyes
    other = authed_client(app, "analyst", "globex")
    gone = other.post(f"/v1/alerts/{alert_id}/assign", json={})
    assert gone.status_code == 404 and other.get(f"/v1/alerts/{alert_id}").status_code == 404
    for answer in (early, bad, own, gone):
        assert answer.headers["Content-Type"] == "application/problem+json"
    assert other.get("/v1/alerts").get_json()["items"] == []
    assert p["screener"].get("/v1/alerts").status_code == 403
    reasons = p["analyst"].get("/v1/alerts/reasons").get_json()["reasons"]
    assert {"name_only_match", "different_date_of_birth", "confirmed_listed", "other"} <= set(
        reasons
    )


def test_only_an_admin_sets_the_tenants_approval_policy(app: Flask) -> None:
    p, admin = people(app), authed_client(app, "admin", "acme")
    default = p["analyst"].get("/v1/alerts/policy").get_json()["approval"]
    assert set(default) == {"false_positive_on_block", "true_match"}
    assert p["analyst"].put("/v1/alerts/policy", json={"approval": []}).status_code == 403
    unknown = admin.put("/v1/alerts/policy", json={"approval": ["everything"]})
    assert unknown.status_code == 400 and "approval.0" in unknown.get_json()["errors"]
    assert admin.put("/v1/alerts/policy", json={"approval": ["false_positive"]}).status_code == 200
    review = opened(p["screener"], {"name": "Banko Nacional Cuba", "customer_id": "CUST-9"})
    got = p["analyst"].post(
        f"/v1/alerts/{review}/decision",
        json={"outcome": "false_positive", "reason": "different_date_of_birth"},
    )
    assert got.get_json()["status"] == "pending_approval"
    assert authed_client(app, "admin", "globex").get("/v1/alerts/policy").get_json() != (
        admin.get("/v1/alerts/policy").get_json()
    )


def test_the_queue_filters_sorts_and_pages(app: Flask) -> None:
    p = people(app)
    ids = [opened(p["screener"], BANK | {"customer_id": f"C-{n}"}) for n in range(3)]
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
    close_false_positive(p, alert["alert_id"])
    assert p["analyst"].get("/v1/suppressions").get_json()["items"]

    rows = [json.loads(line) for line in _batch(p["screener"], csv)]
    assert [r["screening_decision"] for r in rows] == ["clear", "clear"]
    assert p["analyst"].get("/v1/alerts?source=batch&status=open").get_json()["items"] == []
    # The same customer screened one by one is suppressed too: one subject, one memory.
    single = p["screener"].post("/v1/screen", json=BANK | {"customer_id": "B1"}).get_json()
    assert single["decision"] == "clear" and single["matches"][0]["suppressed"]


ALIASED = (
    entity("1", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", "BNC", countries=["CU"]),
    *TEST_ENTITIES[1:],
)


def paid(client: FlaskClient, *parties: dict) -> tuple[dict, str | None]:
    """A new payment to ``parties``: its answer and the alert it opened, if any."""
    body = {"request_id": f"PAY-{uuid.uuid4().hex[:8]}"}
    sent = client.post(
        "/v1/screen/transaction",
        json=body | {"parties": [{"role": "beneficiary"} | p for p in parties]},
    )
    assert sent.status_code == 200, sent.get_json()
    return sent.get_json(), sent.headers.get("Screening-Alert")


def test_a_customers_suppression_applies_to_it_as_a_transaction_party(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app()
    p = people(app)
    close_false_positive(p, opened(p["screener"], BANK))
    (sid,) = [s["suppression_id"] for s in p["analyst"].get("/v1/suppressions").get_json()["items"]]
    payee = {"id": "payee", "name": BANK["name"], "customer_id": "CUST-1"}

    answer, alert = paid(p["screener"], payee)
    assert (answer["decision"], alert) == ("clear", None)
    (party,) = answer["parties"]
    assert party["decision"] == "clear"
    (match,) = party["matches"]
    assert (match["list"], match["source_id"]) == ("test_list", "1")
    assert match["suppressed"]["suppression_id"] == sid and match["suppressed"]["expires_at"]
    assert answer["suppressed"] == [
        {"party": "payee", "list": "test_list", "source_id": "1", **match["suppressed"]}
    ]
    assert not any(h["rule_id"] == "LST-01" for h in answer["rule_hits"])

    other, alert = paid(people(app, "globex")["screener"], payee)  # another tenant's memory
    assert other["decision"] == "block" and alert and other["suppressed"] == []
    assert "suppressed" not in other["parties"][0]["matches"][0]
    unknown, _ = paid(p["screener"], {"id": "payee", "name": BANK["name"]})  # not CUST-1
    assert unknown["decision"] == "block" and unknown["suppressed"] == []

    after = make_app(*ALIASED)  # the same store, a list update that adds an alias
    changed, alert = paid(authed_client(after, "screener", "acme"), payee)
    assert changed["decision"] == "block" and changed["suppressed"] == [] and alert
    opened_alert = authed_client(after, "analyst", "acme").get(f"/v1/alerts/{alert}").get_json()
    (change,) = opened_alert["changes"]
    assert (change["party"], change["suppression_id"]) == ("payee", sid)
    assert change["changed"] == {"names": {"added": ["bnc"], "removed": []}}


def test_a_transaction_false_positive_suppresses_for_the_party_not_the_payment(
    app: Flask,
) -> None:
    p = people(app)
    payee = {"id": "payee", "name": BANK["name"], "customer_id": "SUP-9", "country": "ES"}
    answer, alert_id = paid(p["screener"], {"id": "payer", "name": "Harmless Bakery"}, payee)
    assert answer["decision"] != "clear" and alert_id
    close_false_positive(p, alert_id)
    (made,) = p["analyst"].get("/v1/suppressions").get_json()["items"]
    assert made["subject"] == {"name": BANK["name"], "customer_id": "SUP-9"}

    again, alert = paid(p["screener"], payee | {"id": "creditor"})
    assert (again["decision"], alert) == ("clear", None)
    assert again["suppressed"][0]["suppression_id"] == made["suppression_id"]
    single = p["screener"].post("/v1/screen", json=BANK | {"customer_id": "SUP-9"}).get_json()
    assert single["decision"] == "clear" and single["matches"][0]["suppressed"]


def paid_message(
    client: FlaskClient, name: str, context: dict | None = None
) -> tuple[dict, str | None]:
    """A pacs.008 paying creditor ``name`` (Singapore): its answer and the alert it opened."""
    message = pacs008(Plant({"CdtTrfTxInf/Cdtr/Nm": name}))
    body = {"format": "iso20022", "message": message, "context": context or {}}
    sent = client.post("/v1/screen/payment", json=body)
    assert sent.status_code == 200, sent.get_json()
    return sent.get_json(), sent.headers.get("Screening-Alert")


def creditor_hit(answer: dict) -> dict:
    """The name hit on the creditor (a rule citing the creditor names that field too)."""
    (hit,) = [
        h for h in answer["hits"] if h["field"] == "CdtTrfTxInf/Cdtr/Nm" and h["kind"] == "name"
    ]
    assert (hit["match"]["list"], hit["match"]["source_id"]) == ("test_list", "1")
    return hit


def test_a_customers_suppression_applies_to_it_as_a_payment_party(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app()
    p = people(app)
    close_false_positive(p, opened(p["screener"], BANK))
    (sid,) = [s["suppression_id"] for s in p["analyst"].get("/v1/suppressions").get_json()["items"]]
    cust_1 = {"creditor": {"customer_id": "CUST-1"}}  # the bank's id of the creditor

    answer, alert = paid_message(p["screener"], BANK["name"], cust_1)
    assert (answer["decision"], answer["action"], alert) == ("clear", "release", None)
    hit = creditor_hit(answer)
    assert hit["decision"] == "clear"
    mark = hit["match"]["suppressed"]
    assert mark["suppression_id"] == sid and mark["expires_at"] and mark["decided_by"]
    expected = {"party": "creditor", "list": "test_list", "source_id": "1", **mark}
    assert answer["suppressed"] == [{"transaction": 1, **expected}]
    assert answer["transactions"][0]["suppressed"] == [expected]
    assert not [h for h in answer["hits"] if h["kind"] == "rule" and h["decision"] != "clear"]
    ordering = "/DE89370400440532013000\n1/BANCO NACIONAL DE CUBA\n3/SG/SINGAPORE\n"
    fin = mt103(options={"50F": ordering + "6/SG/DBSSSGSG/CUST-1"})  # the message's own id
    sent = p["screener"].post("/v1/screen/payment", data=fin, content_type="text/plain")
    assert sent.get_json()["decision"] == "clear", sent.get_json()["hits"]
    assert [(s["party"], s["suppression_id"]) for s in sent.get_json()["suppressed"]] == [
        ("debtor", sid)
    ]

    other, alert = paid_message(people(app, "globex")["screener"], BANK["name"], cust_1)
    assert other["decision"] != "clear" and alert and other["suppressed"] == []
    assert creditor_hit(other)["decision"] != "clear"
    assert "suppressed" not in creditor_hit(other)["match"]
    after = make_app(*ALIASED)  # the same store, a list update that adds an alias
    changed, alert = paid_message(authed_client(after, "screener", "acme"), BANK["name"], cust_1)
    assert changed["decision"] != "clear" and changed["suppressed"] == [] and alert
    assert "suppressed" not in creditor_hit(changed)["match"]
    opened_alert = authed_client(after, "analyst", "acme").get(f"/v1/alerts/{alert}").get_json()
    (change,) = opened_alert["changes"]
    assert (change["party"], change["suppression_id"]) == ("creditor", sid)
    assert change["changed"] == {"names": {"added": ["bnc"], "removed": []}}
    unknown, _ = paid_message(p["screener"], BANK["name"])  # not CUST-1: another subject
    assert unknown["decision"] != "clear" and unknown["suppressed"] == []


def test_a_payment_party_without_an_id_is_the_subject_of_its_name_and_country(
    app: Flask,
) -> None:
    p = people(app)
    close_false_positive(p, opened(p["screener"], {"name": BANK["name"], "country": "SG"}))
    answer, alert = paid_message(p["screener"], BANK["name"].upper())  # creditor in SG
    assert (answer["decision"], alert) == ("clear", None)
    assert creditor_hit(answer)["match"]["suppressed"]
    elsewhere = pacs008(
        Plant({"CdtTrfTxInf/Cdtr/Nm": BANK["name"], "CdtTrfTxInf/Cdtr/PstlAdr/Ctry": "MY"})
    )
    sent = p["screener"].post("/v1/screen/payment", data=elsewhere, content_type="application/xml")
    assert sent.get_json()["decision"] != "clear" and sent.get_json()["suppressed"] == []


def test_the_queues_counts_follow_each_step_per_tenant(app: Flask) -> None:
    p, other = people(app), people(app, "globex")
    block = opened(p["screener"], BANK)
    escalated = opened(p["screener"], BANK | {"customer_id": "CUST-2"})
    opened(other["screener"], BANK)

    def counts(client: FlaskClient) -> tuple[list[int], list[int]]:
        got = client.get("/v1/alerts?status=closed").get_json()["counts"]  # filters aside
        return list(got["status"].values()), list(got["priority"].values())

    assert counts(p["analyst"]) == ([2, 0, 0], [2, 0, 0])
    p["analyst"].post(f"/v1/alerts/{block}/assign", json={})
    assert counts(p["analyst"]) == ([1, 1, 0], [2, 0, 0])
    decided = p["analyst"].post(
        f"/v1/alerts/{block}/decision", json={"outcome": "true_match", "reason": "confirmed_listed"}
    )
    assert decided.get_json()["status"] == "pending_approval"
    assert counts(p["analyst"]) == ([1, 0, 1], [2, 0, 0])
    p["approver"].post(f"/v1/alerts/{block}/approval", json={"approve": True})
    p["analyst"].post(
        f"/v1/alerts/{escalated}/decision", json={"outcome": "escalate", "reason": "other"}
    )
    assert counts(p["analyst"]) == ([1, 0, 0], [1, 0, 0])
    assert counts(other["analyst"]) == ([1, 0, 0], [1, 0, 0])
