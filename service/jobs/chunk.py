"""Screen one stored chunk of a batch and record its outcomes: the unit of work.

The same function runs in an RQ worker and in the in-process pool. It is safe to
run twice for the same chunk (a retry after a worker died): the store counts the
first completion only.
"""

from __future__ import annotations

import logging

from service.batch.mapping import ColumnMapping
from service.batch.rows import BatchOptions
from service.batch.screen import screen_rows
from service.jobs.store import ACTIVE_STATES, BatchStore
from service.metrics import BATCH_ROWS

log = logging.getLogger(__name__)


def run_chunk(store: BatchStore, screener, batch_id: str, n: int) -> str:
    """Screen chunk ``n``; returns ``done``, ``duplicate`` or ``skipped`` (batch gone/over)."""
    status = store.status(batch_id)
    if status is None or status.state not in ACTIVE_STATES or not store.mark_running(batch_id):
        return "skipped"
    rows = store.chunk(batch_id, n)
    if rows is None:
        return "skipped"
    info = status.info
    screened = screen_rows(
        screener,
        rows,
        info.columns,
        ColumnMapping.from_dict(info.mapping),
        BatchOptions.from_dict(info.options),
    )
    first = store.complete_chunk(batch_id, n, screened.outcomes, screened.list_versions)
    if first:
        for outcome in screened.outcomes:
            BATCH_ROWS.labels("error" if outcome.error else outcome.decision).inc()
    else:
        log.info("chunk %s/%s was already complete; result not counted again", batch_id, n)
    return "done" if first else "duplicate"
