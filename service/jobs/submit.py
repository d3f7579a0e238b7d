"""Accept a batch: read the upload, split it into stored chunks, hand each to a runner.

Splitting happens while the upload is read, so the file is never held whole and
workers start on the first chunk before the last is stored. The row limit is
enforced here; a batch over it is deleted and the caller gets a clear error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from service.batch.chunks import chunked
from service.batch.formats import InputFormat
from service.batch.mapping import resolve_mapping
from service.batch.readers import read_table
from service.batch.rows import BatchOptions
from service.batch.table import InputRow
from service.jobs.store import BatchInfo, BatchStore, new_batch_id


class TooManyRows(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the file has more than {limit} rows (SCREENING_BATCH_MAX_ROWS)")
        self.limit = limit


@dataclass(frozen=True)
class Upload:
    stream: BinaryIO
    filename: str
    mapping: Mapping[str, str | None]
    options: BatchOptions
    fmt: InputFormat | None = None
    encoding: str | None = None


def submit_batch(
    store: BatchStore,
    upload: Upload,
    dispatch: Callable[[str, int], object],
    *,
    chunk_rows: int,
    max_rows: int,
    list_versions: Mapping[str, str] | None = None,
) -> str:
    """Store the batch and dispatch its chunks (``ChunkRunner.submit``); returns the id.

    Raises ``UnreadableFile``/``UnsupportedFile`` (file), ``MappingError`` (mapping)
    before anything is stored, and ``TooManyRows`` after deleting what was stored.
    """
    table = read_table(upload.stream, upload.filename, upload.fmt, upload.encoding)
    mapping = resolve_mapping(table.columns, upload.mapping)
    info = BatchInfo(
        id=new_batch_id(),
        filename=upload.filename,
        format=table.format,
        columns=list(table.columns),
        mapping=mapping.to_dict(),
        options=upload.options.to_dict(),
        created_at=time.time(),
        submitted_versions=dict(list_versions or {}),
        encoding=table.encoding,
        delimiter=table.delimiter,
    )
    store.create(info)
    try:
        chunks, rows = _split(store, info.id, table.rows, dispatch, chunk_rows, max_rows)
    except BaseException:
        store.set_state(info.id, "cancelled", "upload rejected")
        store.delete(info.id)
        raise
    store.finish_ingest(info.id, chunks, rows)
    return info.id


def _split(store, batch_id, rows, dispatch, chunk_rows: int, max_rows: int) -> tuple[int, int]:
    counted = _CountedRows(rows, max_rows)
    n = 0
    for n, chunk in enumerate(chunked(counted, chunk_rows), start=1):
        store.put_chunk(batch_id, n - 1, chunk)
        dispatch(batch_id, n - 1)
    return n, counted.count


class _CountedRows:
    """The rows, counted; raises :class:`TooManyRows` at row ``limit`` + 1."""

    def __init__(self, rows: Iterable[InputRow], limit: int) -> None:
        self.rows, self.limit, self.count = rows, limit, 0

    def __iter__(self) -> Iterator[InputRow]:
        for row in self.rows:
            self.count += 1
            if self.count > self.limit:
                raise TooManyRows(self.limit)
            yield row
