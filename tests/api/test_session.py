"""Console sign-in: cookie flags, CSRF on every state-changing request, lock-out."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.api import create_app
from service.api.auth import get_auth
from service.auth import create_user
from service.settings import Settings

PASSWORD = "a long console password"


@pytest.fixture
def console_app(settings: Settings, catalog_of) -> Flask:
    app = create_app(settings.with_(login_max_failures=3), catalog_of())
    create_user(get_auth(app).db, "alice", tenant="default", role="admin", password=PASSWORD)
    return app


def form_token(client: FlaskClient) -> str:
    page = client.get("/console/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def sign_in(client: FlaskClient, password: str = PASSWORD, token: str | None = None):
    token = form_token(client) if token is None else token
    return client.post(
        "/console/login", data={"name": "alice", "password": password, "csrf_token": token}
    )


def test_sign_in_sets_a_strict_httponly_cookie(console_app: Flask) -> None:
    client = console_app.test_client()
    response = sign_in(client)
    assert response.status_code == 303 and response.headers["Location"] == "/console"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    who = client.get("/console/session").get_json()
    assert (who["name"], who["role"], who["tenant"]) == ("alice", "admin", "default")


def test_the_cookie_is_secure_over_https(console_app: Flask) -> None:
    client = console_app.test_client()
    token = form_token(client)
    response = client.post(
        "/console/login",
        data={"name": "alice", "password": PASSWORD, "csrf_token": token},
        base_url="https://localhost",
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_csrf_is_required_to_sign_in_and_to_screen(console_app: Flask) -> None:
    client = console_app.test_client()
    assert sign_in(client, token="forged").status_code == 403
    assert sign_in(client).status_code == 303
    token = client.get("/console/session").get_json()["csrf_token"]
    refused = client.post("/v1/screen", json={"name": "Acme"})
    assert refused.status_code == 403 and "CSRF" in refused.get_json()["detail"]
    wrong = client.post("/v1/screen", json={"name": "Acme"}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    ok = client.post("/v1/screen", json={"name": "Acme"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200
    record = client.get(f"/v1/screenings/{ok.get_json()['screening_id']}").get_json()
    assert record["principal"].startswith("user:usr_")
    # Signing out needs the token too; afterwards the API is closed again.
    client.post("/console/logout", data={"csrf_token": token})
    assert client.get("/v1/lists").status_code == 401


def test_repeated_failures_lock_the_account(console_app: Flask) -> None:
    client = console_app.test_client()
    assert sign_in(client, "wrong password 1").status_code == 401
    assert sign_in(client, "wrong password 2").status_code == 401
    assert sign_in(client, "wrong password 3").status_code == 429
    locked = sign_in(client)  # the right password, while locked
    assert locked.status_code == 429 and "locked" in locked.get_data(as_text=True)
    assert client.get("/console/session").status_code == 401
