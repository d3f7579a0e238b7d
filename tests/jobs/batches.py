"""Small stored batches for the store tests. Import as ``from jobs.batches import ...``."""

from __future__ import annotations

import time

from service.batch.outcome import RowOutcome
from service.batch.table import InputRow
from service.jobs.store import BatchInfo, new_batch_id


def new_batch(store, chunks: int = 2) -> str:
    info = BatchInfo(new_batch_id(), "f.csv", "csv", ["name"], {"name": "name"}, {}, time.time())
    store.create(info)
    for n in range(chunks):
        store.put_chunk(info.id, n, [InputRow(2 + n, (f"row {n}",))])
    return info.id


def outcome(line: int, decision: str = "clear") -> RowOutcome:
    return RowOutcome(line, decision)
