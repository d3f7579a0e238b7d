"""``screening lists update|show|diff``: download and activate official lists, show them
and what changed between versions."""

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
@click.option(
    "--changes", is_flag=True, help="Also print what changed when each active version came in."
)
@click.option(
    "--limit", default=50, show_default=True, help="With --changes: entities per section."
)
@pass_settings
def lists_show(settings: Settings, as_json: bool, changes: bool, limit: int) -> None:
    """Print each list's active version, counts and the last refused update."""
    from service.store import show_lists
    from service.store.changes import render_diff

    rows = show_lists(settings, changes=changes)
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
        return
    columns = ("list_id", "enabled", "active_version", "entity_count", "activated_at", "refusal")
    table = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    for row in rows if changes else ():
        if row["changes"] is not None:
            click.echo("")
            click.echo("\n".join(render_diff(row["changes"], limit=limit)))


@lists_group.command(name="diff")
@click.argument("old")
@click.argument("new")
@click.option("--list", "list_ids", multiple=True, help="Only this list id (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the diffs as JSON.")
@click.option("--limit", default=50, show_default=True, help="Entities shown per section.")
@pass_settings
def lists_diff(
    settings: Settings, old: str, new: str, list_ids: tuple[str, ...], as_json: bool, limit: int
) -> None:
    """What changed between OLD and NEW: two folders holding list subfolders (or one
    list's files, with --list), or two stored versions of one list (with --list)."""
    from service.store.changes import DiffError, diff_operands, render_diff

    try:
        diffs = diff_operands(settings, old, new, list_ids or None)
    except DiffError as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps([d.as_dict() for d in diffs], indent=2, ensure_ascii=False))
        return
    for diff in diffs:
        click.echo("\n".join(render_diff(diff.as_dict(), limit=limit)))


def _cell(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)
