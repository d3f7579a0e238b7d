"""``screening audit verify|purge|export`` on records the API wrote."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from clients import authed_client
from factories import TEST_ENTITIES, catalog_from
from records_fixtures import screening
from sqlalchemy import text

from service.api import create_app
from service.api.auth import get_auth
from service.records.canonical import now
from service.records.screenings import record_screening
from service.settings import Settings


def test_audit_verify_catches_a_tampered_byte(run, tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data"), catalog_from(TEST_ENTITIES))
    auth = get_auth(app)
    client = authed_client(app, "screener", "acme")
    ids = [
        client.post("/v1/screen", json={"name": n}).get_json()["screening_id"]
        for n in ("Acme Trading", "Banco Nacional de Cuba", "John Smith")
    ]
    verified = run("audit", "verify")
    # three screenings and the alert the bank's block opened
    assert verified.exit_code == 0 and "verified 4 records" in verified.output
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
    app = create_app(Settings(data_dir=tmp_path / "data"), catalog_from(TEST_ENTITIES))
    db = get_auth(app).db
    for days in (4000, 3000, 10):  # written as the service would have, years ago
        record_screening(db, screening("acme", at=now() - timedelta(days=days)))
    purged = run("audit", "purge")  # SCREENING_RETENTION_DAYS: 1826 by default
    assert purged.exit_code == 0, purged.output
    assert "purged 2 screenings" in purged.output and "checkpoint at link 2" in purged.output
    assert "purged 0 finished webhook deliveries" in purged.output
    verified = run("audit", "verify")
    assert verified.exit_code == 0 and "verified 1 records" in verified.output
