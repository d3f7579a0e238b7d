"""``screening check``, run in-process through click's runner with real lists."""

from __future__ import annotations

import json
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
