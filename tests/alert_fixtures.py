"""Alerts for the alert tests (a plain module: ``from alert_fixtures import ...``).

``open_alert`` opens (or joins) an alert on the store the way a screening does: a
``NewAlert`` reduced from an answer by ``service.alerts.basis``, written by
``service.alerts.store``. ``people`` and ``opened`` do the same over HTTP.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from clients import authed_client
from factories import TEST_ENTITIES
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from service.alerts.basis import from_screening
from service.alerts.store import ACTIVE, PRIORITY_RANK, open_or_join
from service.alerts.subject import facets
from service.records import RecordsDatabase
from service.records.canonical import now
from service.records.models import Alert

LEVELS = {"high": 4.0, "medium": 24.0, "low": 72.0}
BANK = TEST_ENTITIES[0]
BANK_KEY = f"{BANK.list}:{BANK.source_id}"


def bank_match(**more: Any) -> dict[str, Any]:
    """The match of the Cuban bank entry as an answer shows it."""
    return {"list": BANK.list, "source_id": BANK.source_id, "name": BANK.name, **more}


def open_alert(
    db: RecordsDatabase,
    tenant: str = "acme",
    *,
    customer_id: str = "CUST-1",
    decision: str = "block",
    source: str = "screen",
    matches: list[dict[str, Any]] | None = None,
    at: datetime | None = None,
) -> str:
    """Open (or join) the alert of a ``decision`` on ``customer_id``; returns its id."""
    answer = {
        "screening_id": f"scr-{customer_id}",
        "decision": decision,
        "matches": [bank_match()] if matches is None else matches,
    }
    body = {"name": BANK.name, "customer_id": customer_id}
    new = from_screening(source, body, answer, {BANK_KEY: facets(BANK)})
    assert new is not None
    with db.engine.begin() as connection:
        return open_or_join(
            connection, new, tenant=tenant, actor="key:screener", at=at or now(),
            service_levels=LEVELS,
        )  # fmt: skip


def scanned(db: RecordsDatabase, tenant: str) -> dict[str, dict[str, int]]:
    """The queue's counts the slow way, from the alerts themselves: what the counts kept
    beside them (``count_alerts``) must equal after any sequence of writes."""
    by_status = dict.fromkeys(ACTIVE, 0)
    by_priority = dict.fromkeys(PRIORITY_RANK, 0)
    with db.session() as session:
        for status, priority in session.execute(
            select(Alert.status, Alert.priority).where(Alert.tenant == tenant)
        ):
            if status in ACTIVE:
                by_status[status] += 1
                by_priority[priority] += 1
    return {"status": by_status, "priority": by_priority}


def people(app: Flask, tenant: str = "acme") -> dict[str, FlaskClient]:
    """A client per role of ``tenant``; ``approver2`` is a second approver."""
    return {
        role: authed_client(app, role.rstrip("2"), tenant)
        for role in ("screener", "analyst", "approver", "approver2")
    }


def opened(client: FlaskClient, body: dict[str, Any]) -> str:
    """Screen ``body`` over HTTP; it must not be clear. Returns the alert it opened or joined."""
    answer = client.post("/v1/screen", json=body)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["decision"] != "clear"
    return answer.headers["Screening-Alert"]


def close_false_positive(p: dict[str, FlaskClient], alert_id: str) -> None:
    """An analyst clears ``alert_id`` as a false positive and, where the policy asks for
    it, an approver approves: the alert is closed and its matches suppressed."""
    decided = p["analyst"].post(
        f"/v1/alerts/{alert_id}/decision",
        json={"outcome": "false_positive", "reason": "different_country"},
    )
    assert decided.status_code == 200, decided.get_json()
    if decided.get_json()["status"] == "pending_approval":
        approved = p["approver"].post(f"/v1/alerts/{alert_id}/approval", json={"approve": True})
        assert approved.get_json()["status"] == "closed", approved.get_json()
