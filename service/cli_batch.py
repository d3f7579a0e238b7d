"""``screening file`` (screen a local file on all cores) and ``screening worker`` (RQ).

``file`` loads the catalog once, then forks a pool: the children share the index
copy-on-write instead of each parsing the lists again. Chunks are submitted in a
bounded window and written in input order, so memory stays flat however long the
file is.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from service.batch.formats import OUTPUT_FORMATS
from service.batch.mapping import MappingError, parse_override, resolve_mapping
from service.batch.outcome import HIT_DECISIONS, Tally
from service.batch.readers import read_table
from service.batch.rows import BatchOptions
from service.batch.screen import ScreenedRows, screen_rows
from service.batch.table import InputRow, UnreadableFile
from service.batch.writers import open_writer
from service.cli import pass_settings
from service.core.model import ENTITY_TYPES
from service.settings import Settings

CHUNK_ROWS = 500
WINDOW_PER_WORKER = 4
"""Chunks in flight per worker process: enough to keep them busy, few enough to bound memory."""

_JOB: dict = {}
"""What the forked pool children need: set in the parent before the fork, read-only after."""


# --- screening file ------------------------------------------------------------------


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
@click.option("--lists-dir", type=click.Path(file_okay=False, path_type=Path))
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
        _JOB.update(screener=screener, columns=table.columns, mapping=column_map, options=options)
        estimate = estimate_rows(path, table.format)
        progress = Progress(estimate, sys.stderr)
        started = time.monotonic()
        tally, versions = _run(table.rows, output, fmt, only_hits, workers, progress)
    progress.done()
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


def _run(rows, output: Path, fmt: str, only_hits: bool, workers: int | None, progress):
    tally, versions = Tally(), {}
    with output.open("wb") as sink:
        writer = open_writer(fmt, sink, _JOB["columns"])
        for chunk, screened in screen_chunks(rows, workers or os.cpu_count() or 1):
            versions = versions or screened.list_versions
            tally.add(screened.outcomes)
            for row, outcome in zip(chunk, screened.outcomes, strict=True):
                if not only_hits or outcome.decision in HIT_DECISIONS:
                    writer.write(row.cells, outcome)
            progress.update(tally)
        writer.close()
    return tally, versions


def screen_chunks(
    rows: Iterable[InputRow], workers: int
) -> Iterator[tuple[list[InputRow], ScreenedRows]]:
    """(chunk, its outcomes) in input order; forked pool when ``workers`` > 1."""
    chunks = _chunked(rows, CHUNK_ROWS)
    if workers == 1:
        for chunk in chunks:
            yield chunk, _screen_chunk(chunk)
        return
    gc.freeze()  # keep the loaded index out of GC scans, so children don't copy its pages
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        window: deque = deque()
        for chunk in chunks:
            window.append((chunk, pool.apply_async(_screen_chunk, (chunk,))))
            if len(window) >= workers * WINDOW_PER_WORKER:
                done, pending = window.popleft()
                yield done, pending.get()
        while window:
            done, pending = window.popleft()
            yield done, pending.get()


def _screen_chunk(chunk: list[InputRow]) -> ScreenedRows:
    return screen_rows(_JOB["screener"], chunk, _JOB["columns"], _JOB["mapping"], _JOB["options"])


def _chunked(rows: Iterable[InputRow], size: int) -> Iterator[list[InputRow]]:
    buf: list[InputRow] = []
    for row in rows:
        buf.append(row)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


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


class Progress:
    """A one-line bar on a terminal; a plain line every few seconds otherwise."""

    def __init__(self, total: int | None, stream, interval: float | None = None) -> None:
        self.total = total
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        self.started = time.monotonic()
        self._last = 0.0
        self._line = ""

    def update(self, tally: Tally, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        self._line = self.render(tally, now - self.started)
        if self.tty:
            self.stream.write("\r" + self._line.ljust(100))
        else:
            self.stream.write(self._line + "\n")
        self.stream.flush()

    def render(self, tally: Tally, elapsed: float) -> str:
        rate = tally.rows / elapsed if elapsed > 0 else 0.0
        parts = [f"{tally.rows:,} rows", f"{rate:,.0f} rows/s", f"{tally.hits:,} hits"]
        if self.total:
            share = min(tally.rows / self.total, 1.0)
            eta = (self.total - tally.rows) / rate if rate and self.total > tally.rows else 0
            bar = "#" * int(share * 20)
            head = f"[{bar:<20}] {share:4.0%}" if self.tty else f"{share:.0%}"
            parts = [head, *parts, f"ETA {_duration(eta)}"]
        return "  ".join(parts)

    def done(self) -> None:
        if self.tty and self._line:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return (
        f"{seconds // 3600}h{seconds // 60 % 60:02d}m"
        if seconds >= 3600
        else (f"{seconds // 60}m{seconds % 60:02d}s")
    )


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


# --- screening worker ------------------------------------------------------------------


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
@click.option("--lists-dir", type=click.Path(file_okay=False, path_type=Path))
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
