"""End to end: a newcomer's first start, and a PostgreSQL schema that is behind."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from databases import postgres_url
from e2e.servers import REPO, clean_env, start

pytestmark = pytest.mark.e2e


def screening_cli(tmp: Path, *args: str, **settings: str) -> subprocess.CompletedProcess:
    env = clean_env({"SCREENING_DATA_DIR": str(tmp / "data"), **settings})
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_first_start_writes_a_private_key_and_the_record_verifies(tmp_path: Path) -> None:
    srv = start(tmp_path, {"SCREENING_BOOTSTRAP_KEY": ""})  # no key chosen: a random one
    try:
        key_file = tmp_path / "data" / "bootstrap-admin-key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        key = key_file.read_text().strip()
        assert str(key_file) in srv.output() and key not in srv.output()
        auth = {"Authorization": f"Bearer {key}"}
        assert (
            requests.post(f"{srv.url}/v1/screen", json={"name": "x"}, timeout=10).status_code == 401
        )
        answer = requests.post(
            f"{srv.url}/v1/screen",
            json={"name": "Banco Nacional de Cuba"},
            headers=auth,
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        sid = answer.json()["screening_id"]
        record = requests.get(f"{srv.url}/v1/screenings/{sid}", headers=auth, timeout=10)
        assert record.status_code == 200 and record.json()["response"] == answer.json()
    finally:
        srv.stop()
    verified = screening_cli(tmp_path, "audit", "verify")
    assert verified.returncode == 0 and "verified 1 records" in verified.stdout


def test_serve_refuses_a_postgres_schema_that_is_behind(tmp_path: Path) -> None:
    with postgres_url() as url:
        refused = screening_cli(
            tmp_path, "serve", "--bind", "127.0.0.1:0", SCREENING_DATABASE_URL=url
        )
        assert refused.returncode != 0
        assert "screening db upgrade" in refused.stderr
        upgraded = screening_cli(tmp_path, "db", "upgrade", SCREENING_DATABASE_URL=url)
        assert upgraded.returncode == 0, upgraded.stderr
        assert screening_cli(tmp_path, "db", "status", SCREENING_DATABASE_URL=url).returncode == 0
