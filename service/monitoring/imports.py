"""A customer file into a tenant's book: one chunk of an import batch.

``POST /v1/customers/import`` stores the upload as a batch like ``/v1/batches`` does
(bounded rows, chunks in the batch store, run by RQ workers or the in-process runner)
with the option ``customers``; the chunk job then calls :func:`import_rows` instead of
plain screening. Each chunk's customers are written in one bulk statement first (the
book fills at bulk-insert speed), then every new or changed customer is screened,
recorded and alerted like a PUT. A row without a name or a customer id, or that cannot
be screened, is an error row; it never sinks the chunk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from service.batch.mapping import ColumnMapping
from service.batch.outcome import RowOutcome, error_outcome, result_outcome
from service.batch.rows import BatchOptions, build_request
from service.batch.screen import ScreenedRows
from service.batch.table import InputRow
from service.monitoring import book
from service.monitoring.book import CustomerData
from service.monitoring.screen import Monitoring, screen_customer
from service.records.canonical import now
from service.records.db import RecordsUnavailable
from service.screening import InvalidScreenRequest, ScreeningUnavailable


def import_rows(
    owner: Any,
    screener: Any,
    rows: Iterable[InputRow],
    columns: Sequence[str],
    mapping: ColumnMapping,
    options: BatchOptions,
) -> ScreenedRows:
    """Save and screen one chunk's customers in ``owner``'s tenant (``owner`` is the
    batch's reviewer, :class:`service.alerts.batch.RowReview`: db, settings, tenant)."""
    if owner is None:
        raise RecordsUnavailable("a customer import needs its batch's owner on record")
    ctx = Monitoring(owner.db, screener, owner.settings)
    out = ScreenedRows([])
    lines: dict[str, list[int]] = {}
    wanted: dict[str, CustomerData] = {}
    idx = mapping.indexes(columns)
    for row in rows:
        parsed = _customer(build_request(row, idx, options))
        if isinstance(parsed, str):
            out.outcomes.append(error_outcome(row.line, parsed))
            continue
        lines.setdefault(parsed.customer_id, []).append(row.line)
        wanted[parsed.customer_id] = parsed  # a later row of the same customer wins
    fresh = save_all(ctx, owner.tenant, list(wanted.values()))
    for customer_id, data in wanted.items():
        *earlier, last = lines[customer_id]
        outcome, result = _screen(ctx, owner, data, last, customer_id in fresh)
        out.outcomes.append(outcome)
        note = f"customer {customer_id} again on line {last}, which was saved"
        out.outcomes += [outcome._replace(line=n, explanation=note) for n in earlier]
        if result is not None and not out.list_versions:
            out.list_versions = {k: str(v.get("version")) for k, v in result.lists.items()}
    out.outcomes.sort(key=lambda o: o.line)
    return out


def save_all(ctx: Monitoring, tenant: str, customers: list[CustomerData]) -> set[str]:
    """Write the customers in one statement; returns the ids that need screening (new,
    changed in what is screened, or never screened)."""
    if not customers:
        return set()
    try:
        with ctx.db.engine.begin() as connection:
            return book.save_many(connection, tenant, customers, now())
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customers could not be written: {exc}") from exc


def _screen(
    ctx: Monitoring, owner: Any, data: CustomerData, line: int, due: bool
) -> tuple[RowOutcome, Any]:
    """The row's outcome, and the screening's result when it was screened now."""
    if not due:
        row = book.current(ctx.db, owner.tenant, data.customer_id)
        decision = (row.decision if row else None) or "clear"
        return RowOutcome(line, decision, explanation="unchanged: not screened again"), None
    try:
        outcome = screen_customer(ctx, owner.tenant, owner.actor, data)
    except ScreeningUnavailable:
        raise
    except (InvalidScreenRequest, ValueError, LookupError) as exc:
        return error_outcome(line, f"could not screen: {exc}"), None
    return result_outcome(line, outcome.result), outcome.result


def _customer(request: Any) -> CustomerData | str:
    if isinstance(request, str):
        return request
    if not request.customer_id:
        return "customer id is empty (map the id column)"
    return CustomerData(
        customer_id=request.customer_id,
        name=request.name,
        entity_type=request.entity_type,
        country=request.country,
        date_of_birth=request.date_of_birth,
    )
