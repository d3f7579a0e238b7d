"""Alerts of a batch's rows, opened by the chunk job (RQ worker or in-process pool).

A batch row that is not clear is an answer like any other: the subject's suppressions
apply to it (one indexed query, for non-clear rows only) and, if it is still not clear,
it opens an alert in the batch owner's tenant (or joins the subject's open one). The
chunk's alerts are written in one transaction before the chunk counts as done; if they
cannot be written the chunk fails and is retried (fail closed), and a retry joins the
alerts the first attempt opened instead of opening them twice. Pure of Flask.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from service.alerts import basis, suppression
from service.alerts.store import open_or_join
from service.alerts.subject import facets, subject_of
from service.records import RecordsDatabase, records_database
from service.records.batches import batch_owner
from service.records.canonical import now
from service.settings import Settings


class RowReview:
    """One chunk's reviewer: suppressions applied per hit row, alerts written at the end."""

    def __init__(self, db: RecordsDatabase, settings: Settings, batch_id: str, owner) -> None:  # noqa: ANN001
        self.db, self.settings, self.batch_id = db, settings, batch_id
        self.tenant, self.actor = owner.tenant, owner.submitted_by
        self.pending: list[basis.NewAlert] = []

    def __call__(self, request: Any, result: Any, line: int) -> Any:
        """The row's result with suppressions applied; queues its alert if not clear."""
        if result.decision == "clear":
            return result
        key = subject_of(request)
        active = suppression.find_active(self.db, self.tenant, key)
        result, changes = suppression.apply(result, active, self.settings)
        answer = _answer(f"{self.batch_id}:{line}"[:40], result)
        said = {m.entity.key: facets(m.entity) for m in result.matches}
        body = {
            "name": request.name,
            "entity_type": request.entity_type,
            "country": request.country,
            "date_of_birth": request.date_of_birth,
            "customer_id": request.customer_id,
        }
        new = basis.from_screening("batch", body, answer, said, changes)
        if new is not None:
            self.pending.append(new)
        return result

    def write(self) -> None:
        """Every queued alert, in one transaction (raises ``RecordsUnavailable``)."""
        if not self.pending:
            return
        from sqlalchemy.exc import SQLAlchemyError

        from service.records import RecordsUnavailable

        try:
            with self.db.engine.begin() as connection:
                for new in self.pending:
                    open_or_join(
                        connection,
                        new,
                        tenant=self.tenant,
                        actor=self.actor,
                        at=now(),
                        service_levels=self.settings.service_levels,
                    )
        except SQLAlchemyError as exc:
            raise RecordsUnavailable(f"the batch's alerts could not be written: {exc}") from exc
        self.pending = []


def batch_alerts(settings: Settings) -> Callable[[str], RowReview | None]:
    """The chunk job's hook: a reviewer for a recorded batch (``None`` for an unowned one,
    e.g. the local ``screening file`` command, which has no tenant)."""
    db = records_database(settings)

    def for_batch(batch_id: str) -> RowReview | None:
        owner = batch_owner(db, batch_id)
        return None if owner is None else RowReview(db, settings, batch_id, owner)

    return for_batch


def _answer(screening_id: str, result: Any) -> dict[str, Any]:
    matches = []
    for m in result.matches:
        item = {
            "list": m.entity.list,
            "source_id": m.entity.source_id,
            "name": m.entity.name,
            "matched_name": m.matched_name,
            "score": m.score,
            "entity_type": m.entity.entity_type,
            "programs": list(m.entity.programs),
            "countries": list(m.entity.countries),
            "explanation": dict(m.explanation),
        }
        if getattr(m, "target_id", None):
            item["target_id"] = m.target_id
        if getattr(m, "suppressed", None):
            item["suppressed"] = dict(m.suppressed)
        matches.append(item)
    return {"screening_id": screening_id, "decision": result.decision, "matches": matches}
