"""``screening worker`` through click (the worker itself: tests/jobs, tests/e2e)."""

from __future__ import annotations

from click.testing import CliRunner

from service.cli import main


def test_worker_needs_redis() -> None:
    result = CliRunner().invoke(main, ["worker"], env={"SCREENING_REDIS_URL": ""})
    assert result.exit_code == 2 and "SCREENING_REDIS_URL" in result.output
