"""``screening db|keys|users|audit``: the records store, credentials and the audit trail.

Operator commands: they run with the local database and server secret, need no API key,
and print what a script can parse (``keys create`` prints the key alone on its last line).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta

import click

from service.settings import Settings

pass_settings = click.make_pass_decorator(Settings)


def _db(settings: Settings):  # noqa: ANN202 - RecordsDatabase, imported lazily
    from service.records import records_database

    return records_database(settings)


def _secret(settings: Settings) -> bytes:
    from service.records.secret import server_secret

    return server_secret(settings.data_dir)


def _ready_db(settings: Settings):  # noqa: ANN202
    """The database, refusing to work on a schema that is behind (migrating SQLite)."""
    from service.records import SchemaBehind, ensure_schema

    db = _db(settings)
    try:
        ensure_schema(db)
    except SchemaBehind as exc:
        raise click.ClickException(str(exc)) from exc
    return db


# --- db ------------------------------------------------------------------------------------


@click.group(name="db")
def db_group() -> None:
    """The records database (SQLite in the data folder, or SCREENING_DATABASE_URL)."""


@db_group.command(name="upgrade")
@pass_settings
def db_upgrade(settings: Settings) -> None:
    """Apply every pending schema migration."""
    from service.records import upgrade

    db = _db(settings)
    revision = upgrade(db)
    click.echo(f"{db.redacted_url()} is at schema revision {revision}")


@db_group.command(name="status")
@pass_settings
def db_status(settings: Settings) -> None:
    """Print the database's schema revision and the one this version needs."""
    from service.records import current_revision, head_revision

    db = _db(settings)
    current, head = current_revision(db), head_revision(db)
    click.echo(f"database: {db.redacted_url()}\ncurrent: {current or 'none'}\nneeded: {head}")
    if current != head:
        sys.exit(1)


# --- keys ----------------------------------------------------------------------------------


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
            _ready_db(settings),
            _secret(settings),
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

    rows = [key.as_dict() for key in list_keys(_ready_db(settings), tenant)]
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

    if not revoke_key(_ready_db(settings), key_id):
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
    if not expire_key(_ready_db(settings), key_id, when):
        raise click.ClickException(f"no key {key_id}")
    click.echo(f"{key_id} expires at {when.isoformat()}")


# --- users ---------------------------------------------------------------------------------


@click.group(name="users")
def users_group() -> None:
    """Console users (Argon2 passwords, lock-out after repeated failures)."""


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
        user = create_user(_ready_db(settings), name, tenant=tenant, role=role, password=password)
    except (InvalidUser, InvalidTenant) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created user {user.name} ({user.id}) for tenant {user.tenant}, role {user.role}")


@users_group.command(name="list")
@click.option("--tenant", help="Only this tenant's users.")
@pass_settings
def users_list(settings: Settings, tenant: str | None) -> None:
    from service.auth import list_users

    for user in list_users(_ready_db(settings), tenant):
        locked = f"  locked until {user.locked_until}" if user.locked_until else ""
        click.echo(f"{user.id}  {user.name}  {user.tenant}  {user.role}{locked}")


# --- audit ---------------------------------------------------------------------------------


@click.group(name="audit")
def audit_group() -> None:
    """The tamper-evident record: verify, purge past retention, export."""


@audit_group.command(name="verify")
@click.option("--tenant", help="Only this tenant's chain.")
@pass_settings
def audit_verify(settings: Settings, tenant: str | None) -> None:
    """Recompute every hash chain; exit 1 naming the first record that does not match."""
    from service.records.audit import verify

    reports = verify(_ready_db(settings), _secret(settings), tenant)
    bad = [r for r in reports if not r.ok]
    for report in reports:
        status = "ok" if report.ok else f"FAILED: {report.problem}"
        click.echo(f"tenant {report.tenant}: {report.verified} records verified, {status}")
    total = sum(r.verified for r in reports)
    if bad:
        click.echo(f"audit chain broken: {bad[0].problem}", err=True)
        sys.exit(1)
    click.echo(f"verified {total} records")


@audit_group.command(name="purge")
@click.option("--tenant", help="Only this tenant's records.")
@click.option(
    "--days",
    type=click.IntRange(min=1),
    help="Keep this many days (default: SCREENING_RETENTION_DAYS).",
)
@pass_settings
def audit_purge(settings: Settings, tenant: str | None, days: int | None) -> None:
    """Remove records older than the retention period, leaving a signed checkpoint."""
    from service.records.audit import ChainBroken, purge

    cutoff = datetime.now(UTC) - timedelta(days=days or settings.retention_days)
    try:
        reports = purge(_ready_db(settings), _secret(settings), cutoff, tenant)
    except ChainBroken as exc:
        raise click.ClickException(str(exc)) from exc
    for r in reports:
        click.echo(
            f"tenant {r.tenant}: purged {r.purged_screenings} screenings "
            f"({r.purged_links} chain links) before {cutoff.isoformat()}"
            + (f"; checkpoint at link {r.checkpoint_seq}" if r.checkpoint_seq else "")
        )


@audit_group.command(name="export")
@click.option("--from", "since", type=click.DateTime(), help="From this time (UTC), inclusive.")
@click.option("--to", "until", type=click.DateTime(), help="Until this time (UTC), exclusive.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@click.option("--tenant", help="Only this tenant's records.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@pass_settings
def audit_export(
    settings: Settings,
    since: datetime | None,
    until: datetime | None,
    fmt: str,
    tenant: str | None,
    output,  # noqa: ANN001 - a click file
) -> None:
    """Write every screening in [--from, --to) with its chain hash, for an examiner."""
    from service.records.audit import export

    for line in export(_ready_db(settings), _as_utc(since), _as_utc(until), fmt, tenant):
        output.write(line)


def _as_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
