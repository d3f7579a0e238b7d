"""Liveness answers whenever the process does; readiness only once lists are loaded."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_healthz_is_alive_even_without_lists(unready_client: FlaskClient) -> None:
    response = unready_client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_is_503_problem_without_lists(unready_client: FlaskClient) -> None:
    response = unready_client.get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert "lists" in response.get_json(force=True)["detail"]


def test_readyz_reports_loaded_list_versions(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["lists"]["test_list"] == {"version": "2026-01-01", "sample": False}


def test_only_self_served_docs_exist(client: FlaskClient) -> None:
    """/docs and /openapi.json are ours; /redoc (a CDN script) is gone."""
    assert client.get("/docs").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_readyz_is_503_when_the_records_store_is_down(app) -> None:
    from service.api.auth import get_auth

    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    db = get_auth(app).db
    db.url = "postgresql+psycopg://postgres@127.0.0.1:1/gone"  # the store goes away
    db.dispose()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "records store" in response.get_json()["detail"]
