"""``screening lists update|show``: download and activate official lists; show them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from service.cli import pass_settings
from service.settings import Settings


@click.group(name="lists")
def lists_group() -> None:
    """Download official lists and show what is stored."""


@lists_group.command(name="update")
@click.argument("list_ids", nargs=-1)
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Source registry (default: sources.toml in the reference folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_settings
def lists_update(
    settings: Settings, list_ids: tuple[str, ...], registry_path: Path | None, as_json: bool
) -> None:
    """Download, check and activate new list versions (default: every enabled source).

    A version that does not parse, or shrank more than SCREENING_UPDATE_MAX_SHRINK, is
    refused and the last good version keeps serving. Exits 1 if any list was refused.
    """
    from service.logs import configure_logging
    from service.sources.registry import RegistryError, registry_for
    from service.store import update_lists

    configure_logging(settings, stream=sys.stderr)
    try:
        registry = registry_for(settings, registry_path)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        report = update_lists(settings, registry, list_ids or None)
    except KeyError as exc:
        raise click.BadParameter(f"unknown list id {exc}", param_hint="LIST_IDS") from exc
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, default=str))
    else:
        for result in report.as_dict()["lists"]:
            click.echo(" ".join(f"{k}={v}" for k, v in result.items() if v not in (None, "")))
    if not report.ok:
        sys.exit(1)


@lists_group.command(name="show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_settings
def lists_show(settings: Settings, as_json: bool) -> None:
    """Print each list's active version, counts and the last refused update."""
    from service.store import show_lists

    rows = show_lists(settings)
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    columns = ("list_id", "enabled", "active_version", "entity_count", "activated_at", "refusal")
    table = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def _cell(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)
