"""``screening monitor``: keep every customer book screened as the lists change.

``--once`` runs one monitor run and exits (for cron); without it the command repeats
every ``--every`` seconds. ``--update`` first runs ``screening lists update`` (the
registry's enabled sources), so one scheduled command fetches, diffs and re-screens.
"""

from __future__ import annotations

import json
import sys
import time
from functools import partial
from pathlib import Path

import click

from service.cli import lists_dir_option, pass_settings
from service.cli.db import ready_db
from service.settings import Settings


@click.command(name="monitor")
@click.option("--once", is_flag=True, help="One run, then exit (for cron).")
@click.option(
    "--every",
    type=click.IntRange(min=60),
    default=3600,
    show_default=True,
    help="Seconds between runs when not --once.",
)
@click.option("--update", is_flag=True, help="Run `screening lists update` before each run.")
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Source registry for --update (default: the bundled sources.toml).",
)
@click.option("--json", "as_json", is_flag=True, help="Print each run as JSON.")
@lists_dir_option
@pass_settings
def monitor_command(
    settings: Settings,
    once: bool,
    every: int,
    update: bool,
    registry_path: Path | None,
    as_json: bool,
    lists_dir: Path | None,
) -> None:
    """Re-screen the customers that changed list entries could match; record the run."""
    from service.logs import configure_logging

    configure_logging(settings, stream=sys.stderr)
    if lists_dir is not None:
        settings = settings.with_(lists_dir=lists_dir)
    db = ready_db(settings)
    while True:
        if update:
            _update(settings, registry_path)
        _run(settings, db, as_json)
        if once:
            return
        time.sleep(every)


def _update(settings: Settings, registry_path: Path | None) -> None:
    from service.sources.registry import RegistryError, registry_for
    from service.store import update_lists

    try:
        report = update_lists(settings, registry_for(settings, registry_path))
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    for result in report.results:
        click.echo(f"lists {result.list_id}: {result.outcome}", err=True)


def _announce(db, report) -> None:  # noqa: ANN001 - RecordsDatabase, RunReport
    """``monitoring.run_completed`` to each subscribed tenant, with its own numbers; the
    run is already on record, so a webhook store that fails is logged, never fatal."""
    from sqlalchemy.exc import SQLAlchemyError

    from service.records import RecordsUnavailable
    from service.webhooks import publish_per_tenant

    try:
        publish_per_tenant(db, "monitoring.run_completed", report.for_tenant)
    except (RecordsUnavailable, SQLAlchemyError) as exc:
        click.echo(f"monitoring.run_completed not announced: {exc}", err=True)


def _run(settings: Settings, db, as_json: bool) -> None:  # noqa: ANN001 - RecordsDatabase
    from service.monitoring.monitor import run_monitor
    from service.store import NoListsLoaded

    try:
        report = run_monitor(settings, db, run_completed=partial(_announce, db))
    except NoListsLoaded as exc:
        raise click.ClickException(f"no list loaded, nothing re-screened: {exc}") from exc
    summary = report.for_tenant(None)
    if as_json:
        click.echo(json.dumps(summary, indent=2, default=str))
        return
    click.echo(
        f"run {summary['run_id']} ({summary['mode']}): {summary['rescreened']} customers "
        f"re-screened, {summary['new_alerts']} new alerts, {len(summary['delisted'])} alerts "
        f"with a delisted match, {summary['seconds']} s"
    )
    for list_id, change in summary["changes"].items():
        click.echo(f"  {list_id}: {change}")
