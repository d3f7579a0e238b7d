"""``screening file``: screen a local CSV, XLSX or JSON Lines file on all cores.

The lists are loaded once; :func:`service.jobs.pool.screen_in_order` forks the
processes that share them and hands back the outcomes in input order, so the
result file is written as a stream and memory stays flat however long the file is.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from service.batch.formats import OUTPUT_FORMATS
from service.batch.mapping import MappingError, parse_override, resolve_mapping
from service.batch.outcome import HIT_DECISIONS, Tally
from service.batch.readers import read_table
from service.batch.rows import BatchOptions
from service.batch.table import UnreadableFile
from service.batch.writers import open_writer
from service.cli import lists_dir_option, pass_settings
from service.cli.progress import FileProgress
from service.core.model import ENTITY_TYPES
from service.jobs.pool import ChunkJob, screen_in_order
from service.settings import Settings


@click.command("file")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), help="Default: from -o.")
@click.option("--only-hits", is_flag=True, help="Write only rows decided review or block.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes (default: all cores).")
@click.option("--mapping", help='Column mapping JSON, e.g. \'{"name": "Client"}\'.')
@click.option("--threshold", type=click.FloatRange(0, 1), help="Lowest score reported.")
@click.option("--lists", "lists_", help="Comma-separated list ids to screen against.")
@click.option("--entity-type", type=click.Choice(ENTITY_TYPES), help="Default entity type.")
@click.option("--encoding", help="CSV encoding (default: detected).")
@lists_dir_option
@pass_settings
def file_command(
    settings: Settings,
    path: Path,
    output: Path,
    fmt: str | None,
    only_hits: bool,
    workers: int | None,
    mapping: str | None,
    threshold: float | None,
    lists_: str | None,
    entity_type: str | None,
    encoding: str | None,
    lists_dir: Path | None,
) -> None:
    """Screen every row of PATH (CSV, XLSX or JSON Lines) and write results to OUTPUT."""
    if lists_dir is not None:
        settings = settings.with_(lists_dir=lists_dir)
    fmt = fmt or _format_from_suffix(output)
    lists = tuple(x.strip() for x in lists_.split(",") if x.strip()) if lists_ else None
    options = BatchOptions(threshold, lists, entity_type)
    with path.open("rb") as stream:
        try:
            table = read_table(stream, path.name, encoding=encoding)
            column_map = resolve_mapping(table.columns, parse_override(mapping))
        except (UnreadableFile, MappingError, ValueError) as exc:
            raise click.UsageError(str(exc)) from exc
        screener = _load_screener(settings)
        _check_lists(screener, lists)
        job = ChunkJob(screener, table.columns, column_map, options)
        progress = FileProgress(estimate_rows(path, table.format), sys.stderr)
        started = time.monotonic()
        try:
            tally, versions = _run(job, table.rows, output, fmt, only_hits, workers, progress)
        finally:
            progress.close()
    _summary(tally, versions, time.monotonic() - started, output)


def _format_from_suffix(output: Path) -> str:
    suffix = output.suffix.lower().lstrip(".")
    return (
        {"ndjson": "jsonl"}.get(suffix, suffix) if suffix in (*OUTPUT_FORMATS, "ndjson") else "csv"
    )


def _load_screener(settings: Settings):
    from service.screening import Screener
    from service.store import NoListsLoaded, load_catalog

    click.echo("loading lists ...", err=True)
    try:
        catalog = load_catalog(settings)
    except NoListsLoaded as exc:
        raise click.ClickException(f"no list loaded, nothing screened: {exc}") from exc
    described = ", ".join(f"{k} {v['version']}" for k, v in catalog.versions().items())
    click.echo(f"lists: {described}{' (SAMPLE)' if catalog.sample else ''}", err=True)
    return Screener(catalog, settings)


def _check_lists(screener, lists: tuple[str, ...] | None) -> None:
    unknown = sorted(set(lists or ()) - set(screener.list_ids()))
    if unknown:
        raise click.UsageError(f"unknown list id(s) {unknown}; loaded: {screener.list_ids()}")


def _run(job: ChunkJob, rows, output: Path, fmt: str, only_hits: bool, workers: int | None,
         progress: FileProgress) -> tuple[Tally, dict[str, str]]:  # fmt: skip
    tally, versions = Tally(), {}
    with output.open("wb") as sink:
        writer = open_writer(fmt, sink, job.columns)
        for chunk, screened in screen_in_order(job, rows, workers or os.cpu_count() or 1):
            versions = versions or screened.list_versions
            tally.add(screened.outcomes)
            for row, outcome in zip(chunk, screened.outcomes, strict=True):
                if not only_hits or outcome.decision in HIT_DECISIONS:
                    writer.write(row.cells, outcome)
            progress.update(tally)
        writer.close()
    return tally, versions


def estimate_rows(path: Path, fmt: str) -> int | None:
    """Rows to expect, for the ETA: newlines for text files, the sheet size for XLSX."""
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        rows = wb.worksheets[0].max_row
        wb.close()
        return max((rows or 1) - 1, 0) or None
    with path.open("rb") as f:
        head = f.read(2)
        f.seek(0)
        newline = b"\n\x00" if head in (b"\xff\xfe",) else b"\n"
        count = sum(block.count(newline) for block in iter(lambda: f.read(1 << 20), b""))
    return max(count - (1 if fmt == "csv" else 0), 0) or None


def _summary(tally: Tally, versions: dict, elapsed: float, output: Path) -> None:
    by_decision = ", ".join(f"{d} {n:,}" for d, n in sorted(tally.decisions.items()))
    rate = tally.rows / elapsed if elapsed > 0 else 0
    click.echo(
        f"screened {tally.rows:,} rows in {elapsed:,.1f} s ({rate:,.0f} rows/s): "
        f"{tally.hits:,} hits, {tally.errors:,} errors [{by_decision}]",
        err=True,
    )
    if versions:
        click.echo("list versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()), err=True)
    click.echo(f"results: {output}", err=True)
