"""The ``screening`` group: every registered command loads and is listed, commands are
imported only when run, and bad settings are a usage error naming the variable."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from service.cli import COMMANDS, lists_dir_option, main


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


def test_commands_are_listed_sorted_and_unknown_ones_are_none() -> None:
    ctx = click.Context(main)
    assert main.list_commands(ctx) == sorted(COMMANDS)
    assert main.get_command(ctx, "no-such-command") is None


def test_listing_the_commands_imports_none_of_them() -> None:
    """``screening --help`` must not import a command's module (a broken optional module
    cannot break ``serve``); a fresh interpreter shows what gets imported."""
    import subprocess
    import sys

    modules = sorted({spec.partition(":")[0] for spec in COMMANDS.values()})
    code = (
        "import sys; from service.cli import main; import click; "
        "main.list_commands(click.Context(main)); "
        f"print(sorted(m for m in {modules!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_bad_setting_is_a_usage_error_naming_the_variable(env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["check"], env={**env, "SCREENING_THRESHOLD": "high"})
    assert result.exit_code == 2
    assert "SCREENING_THRESHOLD='high'" in result.output


def test_version_is_the_package_version(env: dict[str, str]) -> None:
    from importlib.metadata import version

    result = run(env, "--version")
    assert result.exit_code == 0 and version("sanctions-screening") in result.output


def test_lists_dir_option_parses_a_folder_path(tmp_path: Path) -> None:
    @click.command()
    @lists_dir_option
    def show(lists_dir: Path | None) -> None:
        click.echo(repr(lists_dir))

    assert CliRunner().invoke(show, []).output.strip() == "None"
    given = CliRunner().invoke(show, ["--lists-dir", str(tmp_path)])
    assert given.output.strip() == repr(tmp_path)
    (tmp_path / "a.csv").write_text("x")
    refused = CliRunner().invoke(show, ["--lists-dir", str(tmp_path / "a.csv")])
    assert refused.exit_code == 2 and "is a file" in refused.output
