"""The doors: 401 without credentials, 403 for a role that may not, 404 across tenants."""

from __future__ import annotations

import io

import pytest
from clients import authed_client, new_key
from flask import Flask

from service.api import create_app
from service.settings import Settings

OPEN = ["/healthz", "/readyz", "/openapi.json", "/docs", "/console", "/console/login"]


def test_no_or_wrong_credentials_is_401_with_bearer_challenge(app: Flask) -> None:
    client = app.test_client()
    for headers in ({}, {"Authorization": "Bearer ssk_wrong"}, {"Authorization": "Basic eDp5"}):
        response = client.post("/v1/screen", json={"name": "Acme"}, headers=headers)
        assert response.status_code == 401
        assert response.content_type == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.get_json()["title"] == "Credentials required"
    for path in ("/v1/lists", "/v1/rules", "/v1/screenings", "/v1/keys", "/v1/batches/x"):
        assert client.get(path).status_code == 401, path


@pytest.mark.parametrize("path", OPEN)
def test_probes_docs_and_pages_stay_open(app: Flask, path: str) -> None:
    assert app.test_client().get(path).status_code == 200


def test_openapi_declares_the_bearer_scheme(app: Flask) -> None:
    spec = app.test_client().get("/openapi.json").get_json()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key: screening keys create",
    }
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["paths"]["/healthz"]["get"]["security"] == []
    assert "/v1/screenings/{screening_id}" in spec["paths"]


ROLE_CASES = [
    # (role, method, path, allowed)
    ("screener", "POST", "/v1/screen", True),
    ("screener", "POST", "/v1/screen/transaction", True),
    ("screener", "POST", "/v1/batches", True),
    ("screener", "GET", "/v1/screenings", False),
    ("screener", "GET", "/v1/keys", False),
    ("analyst", "POST", "/v1/screen", False),
    ("analyst", "POST", "/v1/batches", False),
    ("analyst", "GET", "/v1/screenings", True),
    ("analyst", "GET", "/v1/keys", False),
    ("approver", "POST", "/v1/screen", False),
    ("approver", "GET", "/v1/screenings", True),
    ("approver", "POST", "/v1/keys", False),
    ("admin", "POST", "/v1/screen", True),
    ("admin", "GET", "/v1/screenings", True),
    ("admin", "GET", "/v1/keys", True),
    ("analyst", "GET", "/v1/lists", True),
    ("screener", "GET", "/v1/rules", True),
]


@pytest.mark.parametrize(("role", "method", "path", "allowed"), ROLE_CASES)
def test_every_role_boundary(app: Flask, role: str, method: str, path: str, allowed: bool) -> None:
    client = authed_client(app, role)
    if path == "/v1/batches":
        data = {"file": (io.BytesIO(b"name\nAcme\n"), "x.csv")}
        response = client.post(path, data=data, content_type="multipart/form-data")
    elif path == "/v1/screen/transaction":
        body = {"parties": [{"id": "a", "role": "beneficiary", "name": "Acme"}]}
        response = client.post(path, json=body)
    elif path == "/v1/keys":
        response = client.post(path, json={"role": "screener"})
    elif method == "POST":
        response = client.post(path, json={"name": "Acme"})
    else:
        response = client.get(path)
    if allowed:
        assert response.status_code < 400, response.get_json()
    else:
        assert response.status_code == 403
        assert response.content_type == "application/problem+json"
        assert role in response.get_json()["detail"]


def test_another_tenants_batch_is_404(app: Flask) -> None:
    acme = authed_client(app, "screener", "acme")
    beta = authed_client(app, "admin", "beta")
    data = {"file": (io.BytesIO(b"name\nAcme Trading\n"), "customers.csv")}
    created = acme.post("/v1/batches", data=data, content_type="multipart/form-data")
    assert created.status_code == 202
    location = created.headers["Location"]
    assert acme.get(location).status_code == 200
    for response in (beta.get(location), beta.get(f"{location}/results"), beta.delete(location)):
        assert response.status_code == 404
        assert response.content_type == "application/problem+json"
    assert acme.get(location).status_code == 200  # beta's DELETE did nothing


def test_auth_disabled_says_so_on_every_response(settings: Settings, catalog_of, caplog) -> None:
    app = create_app(settings.with_(auth="disabled"), catalog_of())
    client = app.test_client()
    response = client.post("/v1/screen", json={"name": "Acme"})
    assert response.status_code == 200
    assert response.headers["Screening-Auth"] == "disabled"
    assert client.get("/healthz").headers["Screening-Auth"] == "disabled"
    assert "SCREENING_AUTH=disabled" in caplog.text
    record = client.get(f"/v1/screenings/{response.get_json()['screening_id']}").get_json()
    assert record["principal"] == "anonymous:auth-disabled" and record["tenant"] == "default"


def test_expired_key_is_401(app: Flask) -> None:
    from datetime import UTC, datetime, timedelta

    from service.api.auth import get_auth
    from service.auth import create_key

    auth = get_auth(app)
    _, key = create_key(
        auth.db,
        auth.secret,
        tenant="default",
        role="admin",
        expires_at=datetime.now(UTC) - timedelta(seconds=1),
    )
    response = app.test_client().get("/v1/lists", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401
    assert new_key(app)  # a fresh one still works
