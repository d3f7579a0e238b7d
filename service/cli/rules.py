"""``screening rules check``: the reference tables due for a check against their sources.

Each table under ``lists/reference/`` says when it was last checked (``checked``), how
often it must be (``review_days``, else the rule set's ``reference_max_age_days`` or
``--max-age-days``), a known review date (``stale_after``: the next FATF plenary, the
EU's price-cap review) and what to watch for. The command lists the tables due, with
what to watch, and exits 1 when there is any, so a scheduler can alert on it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import click

from service.cli import pass_settings
from service.settings import Settings


@click.group("rules")
def rules_group() -> None:
    """The red-flag rules and the reference tables they read."""


@rules_group.command("check")
@click.option(
    "--max-age-days",
    type=click.IntRange(min=1),
    help="Age after which a table without its own review_days is due "
    "(default: the rule set's reference_max_age_days).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge as of this day (YYYY-MM-DD; default: today, UTC).",
)
@click.option(
    "--reference-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder with rules/ and reference/ (default: the bundled lists/).",
)
@click.option("--all", "show_all", is_flag=True, help="List every table, due or not.")
@click.option("--json", "as_json", is_flag=True, help="Print every table as JSON.")
@pass_settings
def check_tables(
    settings: Settings,
    max_age_days: int | None,
    today: datetime | None,
    reference_dir: Path | None,
    show_all: bool,
    as_json: bool,
) -> None:
    """List the reference tables due for a check against their sources (exit 1 if any)."""
    from service.screening.rules import load_rules, table_upkeep

    if reference_dir is not None:
        settings = settings.with_(reference_dir=reference_dir)
    day = today.date() if today else datetime.now(UTC).date()
    tables = table_upkeep(load_rules(settings), day, max_age_days)
    due = [t for t in tables if t["due"]]
    if as_json:
        click.echo(json.dumps({"today": day.isoformat(), "tables": tables}, indent=2))
    else:
        _print(tables if show_all else due, len(tables), len(due), day)
    if due:
        raise SystemExit(1)


def _print(tables: list[dict], total: int, due: int, day: date) -> None:
    click.echo(f"{due} of {total} reference tables due for a check on {day}.")
    for t in tables:
        state = f"DUE: {t['due']}" if t["due"] else "ok"
        click.echo(
            f"\n{t['table']} (version {t['version']}, as of {t['as_of']}, "
            f"checked {t['checked']}, every {t['review_days']} days): {state}"
        )
        if t["watch"]:
            click.echo(f"  watch: {t['watch']}")
