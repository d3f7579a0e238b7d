"""``screening db upgrade|status``."""

from __future__ import annotations


def test_db_upgrade_and_status(run) -> None:
    assert run("db", "status").exit_code == 1  # nothing migrated yet
    upgraded = run("db", "upgrade")
    assert upgraded.exit_code == 0 and "schema revision 0003_customers" in upgraded.output
    assert run("db", "status").exit_code == 0
