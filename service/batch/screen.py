"""Screen a run of input rows with a ready :class:`Screener`: rows in, outcomes out.

Shared by the CLI pool, the in-process pool and the RQ chunk job. A row error is
reported on its row; only ``ScreeningUnavailable`` (no list loaded) propagates,
because then no row may be answered at all (fail closed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from service.batch.mapping import ColumnMapping
from service.batch.outcome import RowOutcome, error_outcome, result_outcome
from service.batch.rows import BatchOptions, build_request
from service.batch.table import InputRow
from service.screening import ScreeningUnavailable, ScreenRequest, ScreenResult


@dataclass
class ScreenedRows:
    outcomes: list[RowOutcome]
    list_versions: dict[str, str] = field(default_factory=dict)
    """List id -> version the screener used (empty if no row reached the screener)."""


def screen_rows(
    screener,
    rows: Iterable[InputRow],
    columns: Sequence[str],
    mapping: ColumnMapping,
    options: BatchOptions,
    review: Callable[[ScreenRequest, ScreenResult, int], ScreenResult] | None = None,
) -> ScreenedRows:
    """Screen ``rows``; ``review`` (the alerts of a recorded batch) may apply the
    subject's suppressions to each result before it becomes the row's outcome."""
    out = ScreenedRows([])
    idx = mapping.indexes(columns)
    for row in rows:
        req = build_request(row, idx, options)
        if isinstance(req, str):
            out.outcomes.append(error_outcome(row.line, req))
            continue
        try:
            result = screener.screen(req)
        except ScreeningUnavailable:
            raise
        except (ValueError, LookupError) as exc:
            out.outcomes.append(error_outcome(row.line, f"could not screen: {exc}"))
            continue
        if review is not None:
            result = review(req, result, row.line)
        if not out.list_versions:
            out.list_versions = {k: str(v.get("version")) for k, v in result.lists.items()}
        out.outcomes.append(result_outcome(row.line, result))
    return out
