"""Screen one stored chunk of a batch and record its outcomes: the unit of work.

The same function runs in an RQ worker and in the in-process pool. It is safe to
run twice for the same chunk (a retry after a worker died): the store counts the
first completion only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from service.batch.mapping import ColumnMapping
from service.batch.rows import BatchOptions
from service.batch.screen import screen_rows
from service.jobs.store import ACTIVE_STATES, BatchStatus, BatchStore
from service.metrics import BATCH_ROWS
from service.settings import Settings

log = logging.getLogger(__name__)


def run_chunk(
    store: BatchStore,
    screener,
    batch_id: str,
    n: int,
    on_done: Callable[[BatchStatus], None] | None = None,
    review: Callable[[str], Any] | None = None,
) -> str:
    """Screen chunk ``n``; returns ``done``, ``duplicate`` or ``skipped`` (batch gone/over).

    ``on_done`` runs once the last chunk of the batch is in (it puts the batch's outcome
    on record). ``review`` makes the batch's row reviewer
    (:func:`service.alerts.batch.batch_alerts`): suppressions per row, and the chunk's
    alerts written before the chunk counts as done (a failure fails the chunk)."""
    status = store.status(batch_id)
    if status is None or status.state not in ACTIVE_STATES or not store.mark_running(batch_id):
        return "skipped"
    rows = store.chunk(batch_id, n)
    if rows is None:
        return "skipped"
    info = status.info
    reviewer = review(batch_id) if review is not None else None
    options = BatchOptions.from_dict(info.options)
    mapping = ColumnMapping.from_dict(info.mapping)
    if options.customers:  # an import into a customer book: each row saved and screened
        from service.monitoring.imports import import_rows

        screened = import_rows(reviewer, screener, rows, info.columns, mapping, options)
    else:
        screened = screen_rows(screener, rows, info.columns, mapping, options, reviewer)
    if reviewer is not None:
        reviewer.write()
    first = store.complete_chunk(batch_id, n, screened.outcomes, screened.list_versions)
    if first:
        for outcome in screened.outcomes:
            BATCH_ROWS.labels("error" if outcome.error else outcome.decision).inc()
    else:
        log.info("chunk %s/%s was already complete; result not counted again", batch_id, n)
        return "duplicate"
    if on_done is not None:
        after = store.status(batch_id)
        if after is not None and after.state == "done":
            on_done(after)
    return "done"


def batch_outcome(status: BatchStatus) -> dict[str, Any]:
    """What goes on record when a batch is done: its counts and list versions (the
    results file is the record of its rows)."""
    return {
        "rows": status.rows_total,
        "hits": status.hits,
        "errors": status.errors,
        "decisions": status.decisions,
        "list_versions": status.list_versions,
    }


def record_when_done(settings: Settings) -> Callable[[BatchStatus], None]:
    """The ``on_done`` hook of a deployment: the finished batch's outcome on its chain.

    A records store that is down does not fail the batch (its rows are screened and
    kept); the API records the outcome when the batch is next read instead.
    """
    from service.records import RecordsUnavailable, records_database
    from service.records.batches import record_batch_outcome

    db = records_database(settings)

    def record(status: BatchStatus) -> None:
        try:
            record_batch_outcome(db, status.info.id, batch_outcome(status))
        except RecordsUnavailable:
            log.exception("batch %s is done but its outcome is not on record yet", status.info.id)

    return record
