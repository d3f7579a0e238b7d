"""``screening db upgrade|status``."""

from __future__ import annotations

from pathlib import Path

VERSIONS = Path(__file__).parents[2] / "service" / "records" / "migrations" / "versions"


def test_db_upgrade_and_status(run) -> None:
    assert run("db", "status").exit_code == 1  # nothing migrated yet
    upgraded = run("db", "upgrade")
    head = sorted(p.stem for p in VERSIONS.glob("0*.py"))[-1]
    assert upgraded.exit_code == 0 and f"schema revision {head}" in upgraded.output
    assert run("db", "status").exit_code == 0
