"""A missing real part fails under CI and only skips elsewhere: proved on real pytest runs.

Each case runs a small pytest session in a subprocess, with ``realparts`` loaded as a
plugin the way ``tests/conftest.py`` loads it, and reads its exit code and summary.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

ABSENT_PART = """
from realparts import missing

def test_needs_a_widget():
    missing("no widget at 127.0.0.1:1 (install widget-server)")
"""

BARE_SKIP = """
import pytest

def test_skips_by_hand():
    pytest.skip("someone's own skip")
"""

PRESENT_PART = """
from realparts import shared

def test_shared_lists_are_there():
    assert shared("data", "lists").is_dir()
"""


def run_pytest(tmp_path: Path, source: str, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(source)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env["PYTHONPATH"] = str(TESTS)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "realparts", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), str(tmp_path / "test_sample.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_part_fails_under_ci_and_says_what_to_install(tmp_path: Path, ci: str) -> None:
    done = run_pytest(tmp_path, ABSENT_PART, ci)
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout
    assert "1 failed" in done.stdout
    assert "no widget at 127.0.0.1:1 (install widget-server)" in done.stdout


@pytest.mark.parametrize("ci", [None, "false"])
def test_a_missing_part_skips_outside_ci(tmp_path: Path, ci: str | None) -> None:
    done = run_pytest(tmp_path, ABSENT_PART, ci)
    assert done.returncode == pytest.ExitCode.OK, done.stdout
    assert "1 skipped" in done.stdout


def test_any_skip_fails_the_run_under_ci(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, BARE_SKIP, "true")
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout
    assert "CI=true: 1 test(s) skipped" in done.stdout


def test_a_present_part_passes_under_ci(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, PRESENT_PART, "true")
    assert done.returncode == pytest.ExitCode.OK, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_the_jobs_layer_fails_under_ci_when_redis_does_not_answer(tmp_path: Path) -> None:
    """The real fixture, not a sample: Redis pointed at a port where nothing listens."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    env.update(CI="true", SCREENING_TEST_REDIS="redis://127.0.0.1:1")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         str(TESTS / "jobs" / "test_store.py")],
        cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout
    assert "no Redis at redis://127.0.0.1:1/11" in done.stdout
