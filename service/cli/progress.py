"""The progress display of ``screening file``: a rich bar on a terminal, lines otherwise.

On a terminal, rich draws the bar (width, redraws, rate and time left). rich shows
nothing until the end when stderr is not a terminal, and a log or CI job of a
million-row file should still show it is alive: there we print one plain line every
few seconds instead (the only hand-written part).
"""

from __future__ import annotations

import time
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

from service.batch.outcome import Tally

LINE_INTERVAL = 5.0
"""Seconds between two plain progress lines when stderr is not a terminal."""


class FileProgress:
    """Rows done, rows/s, hits and time left, for ``total`` expected rows (None: unknown)."""

    def __init__(self, total: int | None, stream: TextIO, interval: float = LINE_INTERVAL):
        self.total = total
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self._last = self.started  # the first line comes one interval in
        self._bar: Progress | None = None
        console = Console(file=stream)
        if console.is_terminal:
            self._bar = Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} rows/s  {task.fields[hits]} hits"),
                TimeRemainingColumn(),
                console=console,
            )
            self._task = self._bar.add_task("screening", total=total, rate="0", hits="0")
            self._bar.start()

    def update(self, tally: Tally) -> None:
        now = time.monotonic()
        rate = tally.rows / max(now - self.started, 1e-9)
        if self._bar is not None:
            self._bar.update(self._task, completed=tally.rows, rate=f"{rate:,.0f}",
                             hits=f"{tally.hits:,}")  # fmt: skip
        elif now - self._last >= self.interval:
            self._last = now
            self.stream.write(self.line(tally, rate) + "\n")
            self.stream.flush()

    def line(self, tally: Tally, rate: float) -> str:
        parts = [f"{tally.rows:,} rows", f"{rate:,.0f} rows/s", f"{tally.hits:,} hits"]
        if self.total:
            left = (self.total - tally.rows) / rate if rate and self.total > tally.rows else 0
            parts = [f"{min(tally.rows / self.total, 1.0):.0%}", *parts, f"ETA {left:,.0f} s"]
        return "  ".join(parts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
