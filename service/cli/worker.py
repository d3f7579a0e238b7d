"""``screening worker``: take batch chunks from Redis; lists loaded once, then forked."""

from __future__ import annotations

from pathlib import Path

import click

from service.cli import lists_dir_option, pass_settings
from service.settings import Settings


@click.command("worker")
@click.option("--burst", is_flag=True, help="Exit when the queue is empty.")
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes forked after the lists are loaded (they share the index).",
)
@click.option("--name", help="Worker name (default: RQ's host.pid).")
@lists_dir_option
@click.option(
    "--abandon-after",
    type=click.IntRange(min=1),
    default=90,
    show_default=True,
    help="Seconds after which a chunk whose worker died is retried by another worker.",
)
@click.option(
    "--maintenance-interval",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Seconds between this worker's checks for abandoned chunks.",
)
@pass_settings
def worker_command(
    settings: Settings,
    burst: bool,
    processes: int,
    name: str | None,
    lists_dir: Path | None,
    abandon_after: int,
    maintenance_interval: int,
) -> None:
    """Work batch chunks from Redis; load the lists once, then take jobs until stopped."""
    if not settings.redis_url:
        raise click.UsageError("set SCREENING_REDIS_URL: workers take batch chunks from Redis")
    if lists_dir is not None:
        settings = settings.with_(lists_dir=lists_dir)
    from service.jobs.worker import run_worker
    from service.logs import configure_logging
    from service.store import NoListsLoaded

    configure_logging(settings)
    try:
        run_worker(
            settings,
            processes=processes,
            burst=burst,
            name=name,
            abandon_after=abandon_after,
            maintenance_interval=maintenance_interval,
        )
    except NoListsLoaded as exc:
        raise click.ClickException(f"no list loaded; not taking jobs: {exc}") from exc
