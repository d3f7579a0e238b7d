"""``screening users``: console users (Argon2 passwords read from standard input)."""

from __future__ import annotations

import sys

import click

from service.cli import pass_settings
from service.cli.db import ready_db
from service.settings import Settings


@click.group(name="users")
def users_group() -> None:
    """Console users (Argon2 passwords, lock-out after repeated failures, disabling)."""


@users_group.command(name="create")
@click.argument("name")
@click.option("--tenant", required=True, help="Tenant the user belongs to (created if new).")
@click.option(
    "--role", required=True, type=click.Choice(["screener", "analyst", "approver", "admin"])
)
@pass_settings
def users_create(settings: Settings, name: str, tenant: str, role: str) -> None:
    """Create user NAME; the password is read from standard input (first line)."""
    from service.auth import InvalidTenant, InvalidUser, create_user

    if sys.stdin.isatty():
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_user(ready_db(settings), name, tenant=tenant, role=role, password=password)
    except (InvalidUser, InvalidTenant) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created user {user.name} ({user.id}) for tenant {user.tenant}, role {user.role}")


@users_group.command(name="list")
@click.option("--tenant", help="Only this tenant's users.")
@pass_settings
def users_list(settings: Settings, tenant: str | None) -> None:
    from service.auth import list_users

    for user in list_users(ready_db(settings), tenant):
        locked = f"  locked until {user.locked_until}" if user.locked_until else ""
        disabled = f"  disabled since {user.disabled_at}" if user.disabled_at else ""
        click.echo(f"{user.id}  {user.name}  {user.tenant}  {user.role}{locked}{disabled}")


@users_group.command(name="disable")
@click.argument("name")
@pass_settings
def users_disable(settings: Settings, name: str) -> None:
    """Disable user NAME (or id): no sign-in, and open sessions end at their next request."""
    _set_disabled(settings, name, disabled=True)


@users_group.command(name="enable")
@click.argument("name")
@pass_settings
def users_enable(settings: Settings, name: str) -> None:
    """Enable user NAME (or id) again; they sign in afresh (old sessions stay ended)."""
    _set_disabled(settings, name, disabled=False)


def _set_disabled(settings: Settings, name: str, *, disabled: bool) -> None:
    from service.auth import set_disabled

    user = set_disabled(ready_db(settings), name, disabled)
    if user is None:
        raise click.ClickException(f"no user {name!r}")
    state = f"disabled since {user.disabled_at}" if user.disabled_at else "enabled"
    click.echo(f"user {user.name} ({user.id}) of tenant {user.tenant}: {state}")
