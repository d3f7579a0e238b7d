"""The ``screening`` group: every registered command loads and is listed."""

from __future__ import annotations

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


def test_every_registered_command_imports_as_a_click_command(env: dict[str, str]) -> None:
    import click

    from service.cli import COMMANDS

    for name in COMMANDS:
        command = main.get_command(click.Context(main), name)
        assert isinstance(command, click.Command), name
        assert run(env, name, "--help").exit_code == 0, name


def test_runs_as_a_module(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "service.cli", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "worker" in out.stdout
