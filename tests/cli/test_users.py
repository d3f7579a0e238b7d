"""``screening users create`` reads the password from standard input."""

from __future__ import annotations


def test_users_create_reads_the_password_from_stdin(run) -> None:
    made = run(
        "users",
        "create",
        "alice",
        "--tenant",
        "acme",
        "--role",
        "analyst",
        input="pw long enough\n",
    )
    assert made.exit_code == 0, made.output
    assert "alice" in run("users", "list").output
    short = run("users", "create", "bob", "--tenant", "acme", "--role", "analyst", input="x\n")
    assert short.exit_code != 0 and "at least" in short.output
