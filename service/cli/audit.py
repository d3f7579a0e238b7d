"""``screening audit``: verify the hash chains, purge past retention, export for an examiner."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

import click

from service.cli import pass_settings
from service.cli.db import ready_db, secret_of
from service.settings import Settings


@click.group(name="audit")
def audit_group() -> None:
    """The tamper-evident record: verify, purge past retention, export."""


@audit_group.command(name="verify")
@click.option("--tenant", help="Only this tenant's chain.")
@pass_settings
def audit_verify(settings: Settings, tenant: str | None) -> None:
    """Recompute every hash chain; exit 1 naming the first record that does not match."""
    from service.records.audit import verify

    reports = verify(ready_db(settings), secret_of(settings), tenant)
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
        reports = purge(ready_db(settings), secret_of(settings), cutoff, tenant)
    except ChainBroken as exc:
        raise click.ClickException(str(exc)) from exc
    for r in reports:
        click.echo(
            f"tenant {r.tenant}: purged {r.purged_screenings} screenings "
            f"({r.purged_links} chain links) before {cutoff.isoformat()}"
            + (f"; checkpoint at link {r.checkpoint_seq}" if r.checkpoint_seq else "")
        )
    from service.webhooks.retention import purge_deliveries

    gone = purge_deliveries(ready_db(settings), cutoff, tenant)
    click.echo(f"purged {gone} finished webhook deliveries before {cutoff.isoformat()}")


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

    for line in export(ready_db(settings), _as_utc(since), _as_utc(until), fmt, tenant):
        output.write(line)


def _as_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
