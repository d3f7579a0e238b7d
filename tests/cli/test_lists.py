"""``screening lists update|show``, run in-process through click's runner."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from service.cli import main


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private data folder and no lists folder, whatever the caller's environment says."""
    return {"SCREENING_DATA_DIR": str(tmp_path / "data"), "SCREENING_LISTS_DIR": ""}


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_lists_show_prints_every_registered_list(env: dict[str, str]) -> None:
    result = run(env, "lists", "show")
    assert result.exit_code == 0
    header, *rows = result.output.splitlines()
    assert header.split()[:3] == ["list_id", "enabled", "active_version"]
    assert {"ofac_sdn", "un", "uk_ofsi"} <= {row.split()[0] for row in rows}


class _Failing(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def failing_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_lists_update_reports_a_refusal_and_exits_1(env, tmp_path: Path, failing_server) -> None:
    registry = tmp_path / "sources.toml"
    registry.write_text(
        '[un]\ntitle = "UN"\npublisher = "UN"\nenabled = true\n'
        f'[un.files]\n"consolidated.xml" = "{failing_server}/consolidated.xml"\n'
    )
    result = CliRunner().invoke(main, ["lists", "update", "--registry", str(registry)], env=env)
    assert result.exit_code == 1
    assert "un" in result.output and "refused" in result.output
    shown = run(env, "lists", "show", "--json")
    (row,) = [r for r in json.loads(shown.output) if r["list_id"] == "un"]
    assert row["active_version"] is None and row["last_attempt"]
