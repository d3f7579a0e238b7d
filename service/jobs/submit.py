"""Accept a batch: read the upload, split it into stored chunks, hand each to a runner.

Splitting happens while the upload is read, so the file is never held whole and
workers start on the first chunk before the last is stored. The row limit is
enforced here; a batch over it is deleted and the caller gets a clear error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import BinaryIO

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
    dispatch: Callable[[str, int], None],
    *,
    chunk_rows: int,
    max_rows: int,
    list_versions: Mapping[str, str] | None = None,
) -> str:
    """Store the batch and dispatch its chunks; returns the batch id.

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
    n = total = 0
    buf: list[InputRow] = []
    for row in rows:
        total += 1
        if total > max_rows:
            raise TooManyRows(max_rows)
        buf.append(row)
        if len(buf) >= chunk_rows:
            store.put_chunk(batch_id, n, buf)
            dispatch(batch_id, n)
            n, buf = n + 1, []
    if buf:
        store.put_chunk(batch_id, n, buf)
        dispatch(batch_id, n)
        n += 1
    return n, total
