"""``screening keys``: API keys for systems (shown once, stored as a keyed hash)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import click

from service.cli import pass_settings
from service.cli.db import ready_db, secret_of
from service.settings import Settings


@click.group(name="keys")
def keys_group() -> None:
    """API keys for systems (shown once, stored as a keyed hash)."""


@keys_group.command(name="create")
@click.option("--tenant", required=True, help="Tenant the key belongs to (created if new).")
@click.option(
    "--role", required=True, type=click.Choice(["screener", "analyst", "approver", "admin"])
)
@click.option("--name", default="", help="What the key is for (e.g. payment-gateway).")
@click.option("--expires-days", type=click.IntRange(min=1), help="Expire after this many days.")
@pass_settings
def keys_create(
    settings: Settings, tenant: str, role: str, name: str, expires_days: int | None
) -> None:
    """Create a key; the key is printed once, alone on the last line."""
    from service.auth import InvalidTenant, create_key, operator

    expires = datetime.now(UTC) + timedelta(days=expires_days) if expires_days else None
    try:
        info, key = create_key(
            ready_db(settings),
            secret_of(settings),
            tenant=tenant,
            role=role,
            name=name,
            created_by=operator().ref,
            expires_at=expires,
        )
    except InvalidTenant as exc:
        raise click.BadParameter(str(exc), param_hint="--tenant") from exc
    click.echo(f"created {info.id} for tenant {info.tenant}, role {info.role}", err=False)
    click.echo("store this key now; it cannot be shown again:")
    click.echo(key)


@keys_group.command(name="list")
@click.option("--tenant", help="Only this tenant's keys.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_settings
def keys_list(settings: Settings, tenant: str | None, as_json: bool) -> None:
    """List keys (never the keys themselves)."""
    from service.auth import list_keys

    rows = [key.as_dict() for key in list_keys(ready_db(settings), tenant)]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        state = "active" if row["active"] else ("revoked" if row["revoked_at"] else "expired")
        click.echo(
            f"{row['id']}  {row['tenant']}  {row['role']}  {state}  "
            f"created {row['created_at']}  {row['name']}".rstrip()
        )


@keys_group.command(name="revoke")
@click.argument("key_id")
@pass_settings
def keys_revoke(settings: Settings, key_id: str) -> None:
    """Revoke KEY_ID at once (workers may accept it for SCREENING_KEY_CACHE_SECONDS)."""
    from service.auth import revoke_key

    if not revoke_key(ready_db(settings), key_id):
        raise click.ClickException(f"no key {key_id}")
    click.echo(f"revoked {key_id}")


@keys_group.command(name="expire")
@click.argument("key_id")
@click.option(
    "--in-days",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Days from now (0: at once). A rotated key can keep working while clients move.",
)
@pass_settings
def keys_expire(settings: Settings, key_id: str, in_days: int) -> None:
    """Set KEY_ID to expire (for rotation: create the new key, expire the old one)."""
    from service.auth import expire_key

    when = datetime.now(UTC) + timedelta(days=in_days)
    if not expire_key(ready_db(settings), key_id, when):
        raise click.ClickException(f"no key {key_id}")
    click.echo(f"{key_id} expires at {when.isoformat()}")
