"""The ``screening`` command, run in-process through click's runner with real lists."""

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


def test_help_lists_the_commands(env: dict[str, str]) -> None:
    result = run(env, "--help")
    assert result.exit_code == 0
    assert {"serve", "lists", "check"} <= set(result.output.split())


def test_check_prints_decision_match_and_versions(env, shared_lists: Path) -> None:
    result = run(env, "check", "BANCO NACIONAL DE CUBA", "--lists-dir", str(shared_lists))
    assert result.exit_code == 0, result.output
    headline = result.output.splitlines()[0]
    assert headline.startswith("BANCO NACIONAL DE CUBA: ") and "CLEAR" not in headline
    assert "ofac_sdn:306" in result.output
    assert "Lists: " in result.output and "SAMPLE" not in result.output


def test_check_json_is_the_api_response(env, shared_lists: Path) -> None:
    result = run(
        env, "check", "Nobody Here", "--country", "North Korea", "--json",
        "--lists-dir", str(shared_lists),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["decision"] == "block"
    assert any(r["code"] == "jurisdiction" for r in body["reasons"])
    assert set(body["lists"]) >= {"ofac_sdn", "un"}


def test_check_warns_when_answering_from_the_sample(env: dict[str, str]) -> None:
    result = run(env, "check", "Nobody Here")
    assert result.exit_code == 0, result.output
    assert "SAMPLE" in result.output


def test_check_refuses_without_lists(env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["check", "Anyone", "--lists-dir", str(empty)], env=env)
    assert result.exit_code == 1
    assert "unavailable" in result.output
    assert "CLEAR" not in result.output


def test_check_names_a_bad_country(env, shared_lists: Path) -> None:
    args = ["check", "Anyone", "--country", "Narnia", "--lists-dir", str(shared_lists)]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 2
    assert "country" in result.output and "Narnia" in result.output


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
