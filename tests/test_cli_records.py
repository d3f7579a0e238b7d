"""``screening db|keys|users|audit`` as an operator runs them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from factories import TEST_ENTITIES, catalog_from
from sqlalchemy import text

from service.api import create_app
from service.api.auth import get_auth
from service.auth import KeyAuthenticator
from service.cli import main
from service.settings import Settings


@pytest.fixture
def run(tmp_path: Path):
    env = {"SCREENING_DATA_DIR": str(tmp_path / "data"), "SCREENING_DATABASE_URL": ""}

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(main, list(args), env=env, input=input)

    return invoke


def test_db_upgrade_and_status(run) -> None:
    assert run("db", "status").exit_code == 1  # nothing migrated yet
    upgraded = run("db", "upgrade")
    assert upgraded.exit_code == 0 and "schema revision 0001_records" in upgraded.output
    assert run("db", "status").exit_code == 0


def test_keys_create_prints_the_key_alone_on_the_last_line(run, tmp_path: Path) -> None:
    created = run("keys", "create", "--tenant", "acme", "--role", "screener", "--name", "gw")
    assert created.exit_code == 0, created.output
    key = created.output.strip().splitlines()[-1]
    assert key.startswith("ssk_") and " " not in key
    app = create_app(Settings(data_dir=tmp_path / "data"), catalog_from(TEST_ENTITIES))
    auth = get_auth(app)
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key).tenant == "acme"
    listed = run("keys", "list", "--json")
    (row,) = json.loads(listed.output)
    assert row["name"] == "gw" and row["active"] and key not in listed.output
    assert run("keys", "expire", row["id"], "--in-days", "30").exit_code == 0
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key) is not None
    assert run("keys", "expire", row["id"]).exit_code == 0  # at once
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key) is None
    assert run("keys", "revoke", row["id"]).exit_code == 0
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key) is None
    assert run("keys", "revoke", "key_nope").exit_code != 0
    assert run("keys", "create", "--tenant", "Bad Tenant!", "--role", "admin").exit_code != 0


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


def test_audit_verify_catches_a_tampered_byte(run, tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data"), catalog_from(TEST_ENTITIES))
    auth = get_auth(app)
    from clients import authed_client

    client = authed_client(app, "screener", "acme")
    ids = [
        client.post("/v1/screen", json={"name": n}).get_json()["screening_id"]
        for n in ("Acme Trading", "Banco Nacional de Cuba", "John Smith")
    ]
    verified = run("audit", "verify")
    assert verified.exit_code == 0 and "verified 3 records" in verified.output
    exported = run("audit", "export", "--from", "2000-01-01", "--format", "jsonl")
    assert [json.loads(line)["screening_id"] for line in exported.output.splitlines()] == ids
    csv_out = run("audit", "export", "--format", "csv", "--tenant", "acme")
    assert csv_out.output.splitlines()[0].startswith("screening_id,tenant,kind")

    with auth.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE screenings SET response = replace(response, 'block', 'clear') "
                 "WHERE screening_id = :id"),
            {"id": ids[1]},
        )  # fmt: skip
    broken = run("audit", "verify", "--tenant", "acme")
    assert broken.exit_code == 1 and ids[1] in broken.output
    refused = run("audit", "purge", "--days", "1")
    assert refused.exit_code != 0 and "nothing was purged" in refused.output


def test_audit_purge_removes_old_records_and_verify_still_passes(run, tmp_path: Path) -> None:
    from records_fixtures import screening

    from service.records.canonical import now
    from service.records.screenings import record_screening

    app = create_app(Settings(data_dir=tmp_path / "data"), catalog_from(TEST_ENTITIES))
    db = get_auth(app).db
    for days in (4000, 3000, 10):  # written as the service would have, years ago
        record_screening(db, screening("acme", at=now() - timedelta(days=days)))
    purged = run("audit", "purge")  # SCREENING_RETENTION_DAYS: 1826 by default
    assert purged.exit_code == 0, purged.output
    assert "purged 2 screenings" in purged.output and "checkpoint at link 2" in purged.output
    verified = run("audit", "verify")
    assert verified.exit_code == 0 and "verified 1 records" in verified.output
