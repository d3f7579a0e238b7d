"""What each output row adds to the input columns, and how a screening fills it.

A :class:`RowOutcome` is a named tuple: JSON turns it into a plain array (so RQ
workers store it in Redis and the API streams it later without the screener), and
its fields are the output columns in order: line, decision, best match name, score,
list, source id, a one-line explanation, the row's error, and the best match's target
id (the same for the party's listings on other lists, as ``/v1/screen`` says; last,
so the earlier columns keep their places). A row that could not be screened gets
decision ``error``, never ``clear``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

OUTPUT_COLUMNS: tuple[str, ...] = (
    "screening_line",
    "screening_decision",
    "screening_match_name",
    "screening_score",
    "screening_list",
    "screening_source_id",
    "screening_explanation",
    "screening_error",
    "screening_target_id",
)
ERROR_DECISION = "error"
HIT_DECISIONS = frozenset({"review", "block"})


class RowOutcome(NamedTuple):
    """What one input row adds to its columns; one field per :data:`OUTPUT_COLUMNS`."""

    line: int
    decision: str
    match_name: str = ""
    score: float | str = ""
    """The best match's score, rounded to 4 places; ``""`` when nothing matched."""
    list: str = ""
    source_id: str = ""
    explanation: str = ""
    error: str = ""
    target_id: str = ""
    """The best match's target (``service.screening.targets``); ``""`` without a match."""

    @classmethod
    def from_json(cls, data: Sequence) -> RowOutcome:
        """Outcomes stored before ``target_id`` existed read with it empty."""
        return cls(*data)


def error_outcome(line: int, reason: str) -> RowOutcome:
    return RowOutcome(line, ERROR_DECISION, error=reason)


def result_outcome(line: int, result) -> RowOutcome:
    """Outcome of a :class:`service.screening.ScreenResult` for the row on ``line``."""
    best = result.matches[0] if result.matches else None
    if best is None:
        return RowOutcome(line, result.decision, explanation=explain(result))
    return RowOutcome(
        line,
        result.decision,
        best.entity.name,
        round(float(best.score), 4),
        best.entity.list,
        best.entity.source_id,
        explain(result),
        target_id=getattr(best, "target_id", None) or "",
    )


def explain(result) -> str:
    """One line a reviewer can read in a spreadsheet cell: the screener's reasons."""
    parts = [_reason_text(r) for r in result.reasons]
    if not any(parts) and result.matches:
        m = result.matches[0]
        parts.append(
            f"{m.matched_name!r} matched {m.entity.list} {m.entity.source_id} "
            f"({m.entity.name}) at {float(m.score):.2f}"
        )
    text = " ".join(p.strip() for p in parts if p) or "no match above threshold"
    return " ".join(text.split())[:500]


def _reason_text(reason: object) -> str:
    if isinstance(reason, Mapping):
        for key in ("message", "text", "detail", "explanation", "reason", "summary"):
            if isinstance(reason.get(key), str):
                return reason[key]
        return ", ".join(f"{k}={v}" for k, v in reason.items() if isinstance(v, str | int | float))
    return str(reason)


class DecisionCounts:
    """``hits`` and ``errors`` from a ``decisions`` count; shared by the running ``Tally``
    and a stored batch status, so a report and the API count them alike."""

    decisions: dict[str, int]

    @property
    def hits(self) -> int:
        return sum(n for d, n in self.decisions.items() if d in HIT_DECISIONS)

    @property
    def errors(self) -> int:
        return self.decisions.get(ERROR_DECISION, 0)


@dataclass
class Tally(DecisionCounts):
    """Counts over outcomes: rows, per decision, errors. Summed across chunks."""

    rows: int = 0
    decisions: dict[str, int] = field(default_factory=dict)

    def add(self, outcomes: Sequence[RowOutcome]) -> None:
        for outcome in outcomes:
            self.rows += 1
            self.decisions[outcome.decision] = self.decisions.get(outcome.decision, 0) + 1
