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


UN_XML = (
    '<CONSOLIDATED_LIST dateGenerated="{date}T00:00:00.000Z"><INDIVIDUALS/><ENTITIES>{body}'
    "</ENTITIES></CONSOLIDATED_LIST>"
)


def _un_folder(root: Path, date: str, *names: str) -> Path:
    body = "".join(
        f"<ENTITY><FIRST_NAME>{name}</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>KPe.{i:03d}</REFERENCE_NUMBER></ENTITY>"
        for i, name in enumerate(names, 1)
    )
    folder = root / "un"
    folder.mkdir(parents=True)
    (folder / "consolidated.xml").write_text(UN_XML.format(date=date, body=body))
    return root


def test_lists_diff_between_two_folders(env: dict[str, str], tmp_path: Path) -> None:
    old = _un_folder(tmp_path / "old", "2026-02-01", "ALPHA TRADING", "BRAVO SHIPPING")
    new = _un_folder(tmp_path / "new", "2026-02-02", "ALPHA TRADING CO", "BRAVO SHIPPING", "C")
    result = run(env, "lists", "diff", str(old), str(new))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "un: 2026-02-01 -> 2026-02-02: 1 added, 0 removed, 1 changed, 1 unchanged"
    assert "  + KPe.003  C" in lines
    assert "      names: + alpha trading co" in lines
    as_json = json.loads(run(env, "lists", "diff", str(old), str(new), "--json").output)
    assert [d["counts"]["changed"] for d in as_json] == [1]
    only_un = run(env, "lists", "diff", str(old / "un"), str(new / "un"), "--list", "un")
    assert only_un.output == result.output


def test_lists_diff_refuses_operands_that_are_not_lists(env, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lists", "diff", "v1", "v2", "--list", "un"], env=env)
    assert result.exit_code == 2
    assert "neither a folder nor a stored version of un" in result.output


def test_lists_show_changes_prints_the_recorded_diff(env, tmp_path: Path) -> None:
    from service.settings import Settings
    from service.store import ListStore, store_root
    from service.store.changes import record_changes
    from service.store.diff import diff_entities

    settings = Settings(data_dir=Path(env["SCREENING_DATA_DIR"]))
    store = ListStore(store_root(settings), "un")
    (store.versions_dir / "2026-02-02").mkdir(parents=True)
    (store.dir / "active").write_text("2026-02-02\n")
    record_changes(
        store, "2026-02-02", diff_entities("un", [], [], new_version="2026-02-02").as_dict()
    )
    result = run(env, "lists", "show", "--changes")
    assert "un: (none) -> 2026-02-02: 0 added, 0 removed, 0 changed, 0 unchanged" in result.output
    rows = json.loads(run(env, "lists", "show", "--changes", "--json").output)
    assert next(r for r in rows if r["list_id"] == "un")["changes"]["new_version"] == "2026-02-02"
