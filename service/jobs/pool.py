"""Screen a stream of rows on local processes and get the outcomes back in input order.

``screening file`` uses it: the lists are loaded once in the calling process, then
:func:`service.processes.fork_pool` forks children that share the index. Chunks go to
the pool through a bounded window, so memory stays flat however long the file is,
and come back in the order they were read.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from service.batch.chunks import chunked
from service.batch.mapping import ColumnMapping
from service.batch.rows import BatchOptions
from service.batch.screen import ScreenedRows, screen_rows
from service.batch.table import InputRow
from service.processes import fork_pool

CHUNK_ROWS = 500
WINDOW_PER_PROCESS = 4
"""Chunks in flight per process: enough to keep them busy, few enough to bound memory."""


@dataclass(frozen=True)
class ChunkJob:
    """What every chunk of one file is screened with."""

    screener: object
    columns: Sequence[str]
    mapping: ColumnMapping
    options: BatchOptions

    def screen(self, chunk: list[InputRow]) -> ScreenedRows:
        return screen_rows(self.screener, chunk, self.columns, self.mapping, self.options)


_JOB: ChunkJob | None = None
"""The job of this pool child: inherited through the fork, set by :func:`_adopt`."""


def _adopt(job: ChunkJob) -> None:
    global _JOB
    _JOB = job


def _screen_in_child(chunk: list[InputRow]) -> ScreenedRows:
    assert _JOB is not None, "pool child without a job"
    return _JOB.screen(chunk)


def screen_in_order(
    job: ChunkJob, rows: Iterable[InputRow], processes: int, chunk_rows: int = CHUNK_ROWS
) -> Iterator[tuple[list[InputRow], ScreenedRows]]:
    """(chunk, its outcomes) in input order; in this process when ``processes`` is 1."""
    chunks = chunked(rows, chunk_rows)
    if processes <= 1:
        for chunk in chunks:
            yield chunk, job.screen(chunk)
        return
    with fork_pool(processes, _adopt, (job,)) as pool:
        window: deque = deque()
        for chunk in chunks:
            window.append((chunk, pool.apply_async(_screen_in_child, (chunk,))))
            if len(window) >= processes * WINDOW_PER_PROCESS:
                done, pending = window.popleft()
                yield done, pending.get()
        while window:
            done, pending = window.popleft()
            yield done, pending.get()
