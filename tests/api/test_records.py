"""Screening records through HTTP, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clients import authed_client
from databases import BACKENDS, database_url
from flask import Flask
from sqlalchemy import text

from service.api import create_app
from service.api.auth import get_auth
from service.records.audit import verify
from service.settings import Settings
from service.store import Catalog

PAYMENT = {
    "request_id": "PAY-42",
    "parties": [
        {"id": "payer", "role": "ordering_customer", "name": "Acme Trading", "country": "GB"},
        {"id": "payee", "role": "beneficiary", "name": "Banco Nacional de Cuba"},
    ],
}


@pytest.fixture(params=BACKENDS)
def records_app(
    request: pytest.FixtureRequest,
    settings: Settings,
    catalog_of: Callable[..., Catalog],
    tmp_path: Path,
) -> Iterator[Flask]:
    with database_url(request.param, tmp_path) as url:
        if request.param == "postgresql":  # an operator migrates a shared database
            from service.records import RecordsDatabase, upgrade

            db = RecordsDatabase(url)
            upgrade(db)
            db.dispose()
        app = create_app(settings.with_(database_url=url, key_cache_seconds=0), catalog_of())
        yield app
        get_auth(app).db.dispose()


def test_a_screening_is_recorded_and_read_back(records_app: Flask) -> None:
    screener = authed_client(records_app, "screener", "acme")
    analyst = authed_client(records_app, "analyst", "acme")
    body = {"name": "Vladimir  Putin", "country": "RU"}
    answer = screener.post("/v1/screen", json=body)
    assert answer.status_code == 200
    sid = answer.get_json()["screening_id"]

    record = analyst.get(f"/v1/screenings/{sid}")
    assert record.status_code == 200
    got = record.get_json()
    assert got["request"] == body
    assert got["response"] == answer.get_json()
    assert got["kind"] == "screen" and got["tenant"] == "acme"
    assert got["decision"] == answer.get_json()["decision"]
    assert got["principal"].startswith("key:key_")
    assert got["list_versions"] and got["service_version"]
    assert got["received_at"] <= got["answered_at"]

    tx = screener.post("/v1/screen/transaction", json=PAYMENT)
    assert tx.status_code == 200, tx.get_json()
    page = analyst.get("/v1/screenings?kind=transaction").get_json()
    assert [i["screening_id"] for i in page["items"]] == [tx.get_json()["screening_id"]]
    assert page["items"][0]["customer_id"] == "PAY-42"
    assert page["items"][0]["ruleset_version"]
    assert analyst.get("/v1/screenings?subject=putin").get_json()["items"][0]["screening_id"] == sid
    assert analyst.get("/v1/screenings?customer_id=PAY-42").get_json()["items"]

    (report,) = verify(get_auth(records_app).db, get_auth(records_app).secret, "acme")
    assert report.ok and report.verified == 2


def test_pages_follow_next_cursor(records_app: Flask) -> None:
    client = authed_client(records_app)
    sent = {client.post("/v1/screen", json={"name": f"Person {i}"}).get_json()["screening_id"]
            for i in range(5)}  # fmt: skip
    seen, url = [], "/v1/screenings?limit=2"
    while url:
        page = client.get(url).get_json()
        seen += [item["screening_id"] for item in page["items"]]
        url = page["next_cursor"] and f"/v1/screenings?limit=2&cursor={page['next_cursor']}"
    assert set(seen) == sent and len(seen) == 5
    bad = client.get("/v1/screenings?cursor=bogus")
    assert bad.status_code == 400 and "cursor" in bad.get_json()["errors"]
    assert client.get("/v1/screenings?from=yesterday").status_code == 400


def test_idempotency_key_replays_or_conflicts(records_app: Flask) -> None:
    client = authed_client(records_app)
    headers = {"Idempotency-Key": "pay-0001"}
    first = client.post("/v1/screen", json={"name": "Acme"}, headers=headers)
    again = client.post("/v1/screen", data='{ "name" : "Acme" }', headers=headers,
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    other = client.post("/v1/screen", json={"name": "Other"}, headers=headers)
    assert other.status_code == 409
    assert other.content_type == "application/problem+json"
    assert "Idempotency-Key" in other.get_json()["errors"]
    # Per tenant: another tenant's same key is a new screening.
    beta = authed_client(records_app, "screener", "beta")
    fresh = beta.post("/v1/screen", json={"name": "Acme"}, headers=headers)
    assert fresh.status_code == 200 and "Idempotent-Replayed" not in fresh.headers
    assert fresh.get_json()["screening_id"] != first.get_json()["screening_id"]
    items = client.get("/v1/screenings").get_json()["items"]
    assert len(items) == 1  # the replay screened nothing twice


def test_another_tenants_record_is_404(records_app: Flask) -> None:
    acme = authed_client(records_app, "admin", "acme")
    beta = authed_client(records_app, "admin", "beta")
    sid = acme.post("/v1/screen", json={"name": "Acme"}).get_json()["screening_id"]
    hidden = beta.get(f"/v1/screenings/{sid}")
    assert hidden.status_code == 404 and hidden.content_type == "application/problem+json"
    assert beta.get("/v1/screenings").get_json()["items"] == []
    assert beta.get("/v1/screenings/scr_nonexistent").status_code == 404


def test_a_store_that_goes_away_answers_503_never_an_unrecorded_200(
    records_app: Flask,
) -> None:
    client = authed_client(records_app)
    assert client.post("/v1/screen", json={"name": "Acme"}).status_code == 200
    db = get_auth(records_app).db
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE screenings"))
    for path, body in (("/v1/screen", {"name": "Acme"}), ("/v1/screen/transaction", PAYMENT)):
        refused = client.post(path, json=body)
        assert refused.status_code == 503
        assert refused.content_type == "application/problem+json"
        assert "decision" not in refused.get_json()


def test_postgres_going_away_mid_run_answers_503(
    settings: Settings, catalog_of: Callable[..., Catalog], tmp_path: Path
) -> None:
    import psycopg
    from databases import _admin_dsn
    from sqlalchemy.engine import make_url

    from service.records import RecordsDatabase, upgrade

    with database_url("postgresql", tmp_path) as url:
        db = RecordsDatabase(url)
        upgrade(db)
        db.dispose()
        app = create_app(settings.with_(database_url=url), catalog_of())
        client = authed_client(app)
        assert client.post("/v1/screen", json={"name": "Acme"}).status_code == 200
        name = make_url(url).database
        with psycopg.connect(_admin_dsn("postgres"), autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            try:
                refused = client.post("/v1/screen", json={"name": "Acme"})
                assert refused.status_code == 503, refused.get_json()
                assert refused.content_type == "application/problem+json"
            finally:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        # The database is back: the next answer is recorded again.
        assert client.post("/v1/screen", json={"name": "Acme"}).status_code == 200
        get_auth(app).db.dispose()
