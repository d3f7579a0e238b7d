"""The customer book over HTTP on SQLite and the real PostgreSQL: a PUT screens the
customer (recorded, alert with source ``monitoring``), an identical PUT does not,
pages, tenants, roles and bad input."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clients import authed_client
from databases import BACKENDS, database_url
from flask import Flask

from service.api import create_app
from service.api.auth import get_auth
from service.records import RecordsDatabase, upgrade
from service.records.audit import verify
from service.settings import Settings
from service.store import Catalog

BANK = {"name": "Banco Nacional de Cuba", "entity_type": "organization", "country": "CU"}


@pytest.fixture(params=BACKENDS)
def app(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    settings: Settings,
    catalog_of: Callable[..., Catalog],
) -> Iterator[Flask]:
    with database_url(request.param, tmp_path) as url:
        migrated = RecordsDatabase(url)
        upgrade(migrated)  # PostgreSQL is migrated by an operator, not by serve
        migrated.dispose()
        app = create_app(settings.with_(database_url=url, key_cache_seconds=0), catalog_of())
        yield app
        get_auth(app).db.dispose()


def test_a_new_customer_is_screened_and_a_hit_opens_a_monitoring_alert(app: Flask) -> None:
    client = authed_client(app, "admin", "acme")
    put = client.put("/v1/customers/C-1", json={**BANK, "fields": {"branch": "Madrid"}})
    assert put.status_code == 200, put.get_json()
    body = put.get_json()
    assert body["screened"] is True and body["new_alert"] is True
    assert body["screening"]["decision"] == "block"
    assert body["fields"] == {"branch": "Madrid"} and body["customer_id"] == "C-1"
    alert = client.get(f"/v1/alerts/{body['alert_id']}").get_json()
    assert alert["source"] == "monitoring" and alert["subject"]["customer_id"] == "C-1"
    assert alert["screening_id"] == body["screening"]["screening_id"]
    record = client.get(f"/v1/screenings/{body['screening']['screening_id']}").get_json()
    assert record["kind"] == "monitoring" and record["customer_id"] == "C-1"
    assert record["response"]["matches"][0]["source_id"] == "1"

    same = client.put("/v1/customers/C-1", json={**BANK, "fields": {"branch": "Sevilla"}})
    assert same.get_json()["screened"] is False and same.get_json()["alert_id"] is None
    assert same.get_json()["fields"] == {"branch": "Sevilla"}
    assert same.get_json()["screening"] == body["screening"]
    queue = client.get("/v1/alerts?source=monitoring").get_json()
    assert [a["alert_id"] for a in queue["items"]] == [body["alert_id"]]
    assert queue["items"][0]["screenings"] == 1

    clear = client.put("/v1/customers/C-1", json={"name": "Maria Lopez Garcia"})
    assert clear.get_json()["screened"] is True
    assert clear.get_json()["screening"]["decision"] == "clear"
    assert clear.get_json()["alert_id"] is None
    (report,) = verify(get_auth(app).db, get_auth(app).secret, "acme")
    assert report.ok and report.verified >= 3, report.problem  # 2 screenings, 1 alert


def test_get_delete_pages_and_tenants(app: Flask) -> None:
    acme, other = authed_client(app, "admin", "acme"), authed_client(app, "admin", "other")
    for n in range(5):
        ok = acme.put(f"/v1/customers/K-{n}", json={"name": f"Person Number {n} Smith"})
        assert ok.status_code == 200
    first = acme.get("/v1/customers?limit=2").get_json()
    assert [c["customer_id"] for c in first["items"]] == ["K-0", "K-1"]
    second = acme.get(f"/v1/customers?limit=2&cursor={first['next_cursor']}").get_json()
    assert [c["customer_id"] for c in second["items"]] == ["K-2", "K-3"]
    third = acme.get(f"/v1/customers?limit=2&cursor={second['next_cursor']}").get_json()
    assert [c["customer_id"] for c in third["items"]] == ["K-4"]
    assert third["next_cursor"] is None

    assert other.get("/v1/customers/K-0").status_code == 404
    assert other.delete("/v1/customers/K-0").status_code == 404
    assert other.get("/v1/customers").get_json()["items"] == []
    got = acme.get("/v1/customers/K-0").get_json()
    assert got["name"] == "Person Number 0 Smith" and got["screening"]["decision"] == "clear"
    assert acme.delete("/v1/customers/K-0").status_code == 204
    assert acme.get("/v1/customers/K-0").status_code == 404
    assert acme.delete("/v1/customers/K-0").status_code == 404


def test_roles_credentials_and_bad_input(app: Flask) -> None:
    assert app.test_client().get("/v1/customers").status_code == 401
    analyst = authed_client(app, "analyst", "acme")
    assert analyst.put("/v1/customers/X", json={"name": "A B"}).status_code == 403
    client = authed_client(app, "screener", "acme")
    bad = client.put("/v1/customers/X", json={"name": ""})
    assert bad.status_code == 400 and "name" in bad.get_json()["errors"]
    unknown = client.put("/v1/customers/X", json={"name": "A B", "colour": "red"})
    assert unknown.status_code == 400 and "colour" in unknown.get_json()["errors"]
    nested = client.put("/v1/customers/X", json={"name": "A B", "fields": {"a": {"b": 1}}})
    assert nested.status_code == 400 and "fields" in nested.get_json()["errors"]
    country = client.put("/v1/customers/X", json={"name": "A B", "country": "Atlantis"})
    assert country.status_code == 400 and "country" in country.get_json()["errors"]
    assert client.get("/v1/customers/X").status_code == 404  # nothing saved
    cursor = client.get("/v1/customers?cursor=nonsense")
    assert cursor.status_code == 400 and "cursor" in cursor.get_json()["errors"]


IMPORT_CSV = (
    b"customer_id;Full Name;Country;Segment\n"
    b"C1;BANCO NACIONAL DE CUBA;CU;corporate\n"
    b"C2;Harmless Bakery;FR;retail\n"
    b"C3;;FR;retail\n"
    b";Nameless Id Missing;FR;retail\n"
    b"C5;Orient Shipping Company Limited;KP;corporate\n"
)


def imported(client, data: bytes, filename: str = "book.csv") -> dict:
    body = {"file": (io.BytesIO(data), filename), "threshold": "0.1"}
    answer = client.post("/v1/customers/import", data=body, content_type="multipart/form-data")
    assert answer.status_code == 202, answer.get_json()
    location = answer.headers["Location"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = client.get(location).get_json()
        if status["state"] not in ("queued", "running"):
            return status
        time.sleep(0.05)
    raise AssertionError(f"import not finished: {status}")


def test_import_fills_the_book_screens_it_and_reports_bad_rows(app: Flask) -> None:
    client = authed_client(app, "screener", "acme")
    status = imported(client, IMPORT_CSV)
    assert status["state"] == "done", status
    assert (status["rows_total"], status["errors"], status["hits"]) == (5, 2, 2)
    assert status["options"]["customers"] is True and status["options"]["threshold"] is None
    results = client.get(status["results"]).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(results)))
    assert [r["screening_error"] for r in rows] == [
        "", "", "name is empty", "customer id is empty (map the id column)", "",
    ]  # fmt: skip
    page = client.get("/v1/customers").get_json()["items"]
    assert [c["customer_id"] for c in page] == ["C1", "C2", "C5"]
    assert (
        page[0]["screening"]["decision"] == "block" and page[1]["screening"]["decision"] == "clear"
    )
    admin = authed_client(app, "admin", "acme")
    alerts = admin.get("/v1/alerts?source=monitoring").get_json()["items"]
    assert sorted(a["subject"]["customer_id"] for a in alerts) == ["C1", "C5"]

    again = imported(client, IMPORT_CSV)  # the same file: nothing screened again
    assert again["state"] == "done" and again["errors"] == 2
    rows = list(csv.DictReader(io.StringIO(client.get(again["results"]).get_data(as_text=True))))
    assert rows[0]["screening_explanation"] == "unchanged: not screened again"
    assert len(admin.get("/v1/alerts?source=monitoring").get_json()["items"]) == 2
    assert authed_client(app, "admin", "other").get(again["results"]).status_code == 404


def test_import_refuses_a_file_without_a_name_column(app: Flask) -> None:
    client = authed_client(app, "screener", "acme")
    body = {"file": (io.BytesIO(b"customer_id,colour\n1,red\n"), "book.csv")}
    answer = client.post("/v1/customers/import", data=body, content_type="multipart/form-data")
    assert answer.status_code == 400 and "mapping.name" in answer.get_json()["errors"]
    wrong = client.post("/v1/customers/import", json={"name": "x"})
    assert wrong.status_code == 415


def test_no_list_loaded_is_503_and_nothing_is_saved(unready_client) -> None:
    answer = unready_client.put("/v1/customers/X", json={"name": "Anyone At All"})
    assert answer.status_code == 503 and answer.mimetype == "application/problem+json"
    assert unready_client.get("/v1/customers/X").status_code == 404
    body = {"file": (io.BytesIO(IMPORT_CSV), "book.csv")}
    upload = unready_client.post(
        "/v1/customers/import", data=body, content_type="multipart/form-data"
    )
    assert upload.status_code == 503
