"""``screening users create`` reads the password from standard input."""

from __future__ import annotations

import re
from pathlib import Path

from factories import TEST_ENTITIES, catalog_from

from service.api import create_app
from service.settings import Settings


def test_users_create_reads_the_password_from_stdin(run) -> None:
    made = run(
        "users",
        "create",
        "alice",
        "--tenant",
        "acme",
        "--role",
        "analyst",
        input="pw long enough\n",
    )
    assert made.exit_code == 0, made.output
    assert "alice" in run("users", "list").output
    short = run("users", "create", "bob", "--tenant", "acme", "--role", "analyst", input="x\n")
    assert short.exit_code != 0 and "at least" in short.output


def _sign_in(client, name: str, password: str) -> int:
    page = client.get("/console/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"name": name, "password": password, "csrf_token": token}
    return client.post("/console/login", data=form).status_code


def test_users_disable_ends_sign_in_and_open_sessions_at_once(run, tmp_path: Path) -> None:
    password = "a long console password"
    assert run("users", "create", "carol", "--tenant", "acme", "--role", "analyst",
               input=password + "\n").exit_code == 0  # fmt: skip
    app = create_app(Settings(data_dir=tmp_path / "data"), catalog_from(TEST_ENTITIES))
    open_session, later = app.test_client(), app.test_client()
    assert _sign_in(open_session, "carol", password) == 303
    assert open_session.get("/console/session").status_code == 200
    kept_cookie = open_session.get_cookie("screening_session").value

    disabled = run("users", "disable", "carol")
    assert disabled.exit_code == 0 and "disabled since" in disabled.output
    assert "disabled since" in run("users", "list").output
    assert open_session.get("/console/session").status_code == 401
    assert _sign_in(later, "carol", password) == 401

    enabled = run("users", "enable", "carol")
    assert enabled.exit_code == 0 and "enabled" in enabled.output
    assert "disabled" not in run("users", "list").output
    assert _sign_in(later, "carol", password) == 303
    assert later.get("/console/session").get_json()["name"] == "carol"
    replay = app.test_client()  # a copy of the old cookie, kept aside while disabled
    replay.set_cookie("screening_session", kept_cookie)
    assert replay.get("/console/session").status_code == 401
    assert run("users", "disable", "nobody").exit_code != 0
