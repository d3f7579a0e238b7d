"""``/v1/suppressions`` over HTTP, on SQLite and PostgreSQL: the tenant's suppressions in
force (``all=true`` with revoked ones), revoking one, and who may see and revoke them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alert_fixtures import close_false_positive, opened, people
from flask import Flask
from flask.testing import FlaskClient

from service.api import create_app
from service.records import RecordsDatabase
from service.settings import Settings
from service.store import Catalog

BANK = {"name": "Banco Nacional de Cuba", "customer_id": "CUST-1"}


@pytest.fixture
def app(
    settings: Settings, records_db: RecordsDatabase, catalog_of: Callable[..., Catalog]
) -> Flask:
    return create_app(
        settings.with_(database_url=records_db.url, key_cache_seconds=0), catalog_of()
    )


def cleared(p: dict[str, FlaskClient], customer_id: str) -> str:
    """A closed false positive on ``customer_id``; returns its alert id."""
    alert_id = opened(p["screener"], BANK | {"customer_id": customer_id})
    close_false_positive(p, alert_id)
    return alert_id


def ids(client: FlaskClient, query: str = "") -> list[str]:
    answer = client.get(f"/v1/suppressions{query}")
    assert answer.status_code == 200, answer.get_json()
    return [s["suppression_id"] for s in answer.get_json()["items"]]


def test_the_tenants_suppressions_newest_first_with_who_and_until_when(app: Flask) -> None:
    p = people(app)
    first, second = cleared(p, "CUST-1"), cleared(p, "CUST-2")
    items = p["analyst"].get("/v1/suppressions").get_json()["items"]
    assert [s["alert_id"] for s in items] == [second, first]
    newest = items[0]
    assert newest["subject"] == {"name": BANK["name"], "customer_id": "CUST-2"}
    assert (newest["list"], newest["source_id"]) == ("test_list", "1")
    assert (
        newest["fingerprint"].startswith("fp1:") and newest["decided_by"] != (newest["approved_by"])
    )
    assert newest["expires_at"] > newest["created_at"] and newest["revoked_at"] is None
    assert ids(people(app, "globex")["analyst"]) == []


def test_revoking_takes_it_out_of_force_but_not_out_of_the_record(app: Flask) -> None:
    p = people(app)
    cleared(p, "CUST-1")
    (sid,) = ids(p["analyst"])
    revoked = p["analyst"].delete(f"/v1/suppressions/{sid}")
    assert revoked.status_code == 200
    assert revoked.get_json()["revoked_at"] and revoked.get_json()["revoked_by"]
    assert ids(p["analyst"]) == []
    assert ids(p["analyst"], "?all=true") == [sid]
    assert p["screener"].post("/v1/screen", json=BANK).get_json()["decision"] == "block"


def test_another_tenants_suppression_is_not_found(app: Flask) -> None:
    p = people(app)
    cleared(p, "CUST-1")
    (sid,) = ids(p["analyst"])
    other = people(app, "globex")["analyst"]
    for answer in (other.delete(f"/v1/suppressions/{sid}"), other.delete("/v1/suppressions/x")):
        assert answer.status_code == 404
        assert answer.headers["Content-Type"] == "application/problem+json"
    assert ids(p["analyst"]) == [sid]


def test_only_alert_workers_see_and_revoke(app: Flask) -> None:
    p = people(app)
    assert p["screener"].get("/v1/suppressions").status_code == 403
    assert p["screener"].delete("/v1/suppressions/sup_x").status_code == 403
    assert app.test_client().get("/v1/suppressions").status_code == 401
    assert p["analyst"].get("/v1/suppressions?all=maybe").status_code == 400
