"""Batch ownership on record: which tenant a batch belongs to and who submitted it.

Batch rows are not recorded one by one (the results file is their record), but the
batch itself and its outcome are links of the tenant's chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from service.records import chain
from service.records.canonical import canonical_json, now
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import AuditEvent, Batch
from service.webhooks import publish
from service.webhooks.events import BATCH_COMPLETED


@dataclass(frozen=True)
class BatchOwner:
    tenant: str
    submitted_by: str


def record_batch(
    db: RecordsDatabase, batch_id: str, tenant: str, submitted_by: str, filename: str = ""
) -> None:
    """Record a submitted batch; raises ``RecordsUnavailable`` so the submit can refuse."""
    at = now()
    payload = {"batch_id": batch_id, "filename": filename, "submitted_at": at}
    try:
        with db.session() as session:
            session.add(
                Batch(
                    batch_id=batch_id,
                    tenant=tenant,
                    submitted_by=submitted_by,
                    submitted_at=at,
                    filename=filename,
                )
            )
            _link(session, tenant, batch_id, "submitted", submitted_by, at, payload)
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the batch could not be recorded: {exc}") from exc


def record_batch_event(
    db: RecordsDatabase,
    batch_id: str,
    event: str,
    actor: str,
    details: dict[str, Any],
    webhook_event: str | None = None,
) -> bool:
    """A later event on a recorded batch (finished with its hits, deleted ...), and, if
    ``webhook_event`` is given, that event to the owner's webhooks in the same transaction.

    Returns ``False`` for a batch that was never recorded (submitted before records).
    """
    at = now()
    try:
        with db.session() as session:
            owner = session.get(Batch, batch_id)
            if owner is None:
                return False
            payload = {"batch_id": batch_id, **details, "at": at}
            _link(session, owner.tenant, batch_id, event, actor, at, payload)
            if webhook_event is not None:
                data = {"batch_id": batch_id, **details, "at": at}
                publish(session.connection(), owner.tenant, webhook_event, data)
            return True
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the batch event could not be recorded: {exc}") from exc


def record_batch_outcome(db: RecordsDatabase, batch_id: str, outcome: dict[str, Any]) -> bool:
    """Put a finished batch's hits on record once (``False`` if already there or unknown)."""
    try:
        with db.session() as session:
            seen = session.scalar(
                select(AuditEvent.id).where(
                    AuditEvent.record_type == "batch",
                    AuditEvent.record_id == batch_id,
                    AuditEvent.event == "finished",
                )
            )
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the records store cannot be read: {exc}") from exc
    if seen is not None:
        return False
    return record_batch_event(db, batch_id, "finished", "service", outcome, BATCH_COMPLETED)


def batch_owner(db: RecordsDatabase, batch_id: str) -> BatchOwner | None:
    try:
        with db.session() as session:
            row = session.get(Batch, batch_id)
            return None if row is None else BatchOwner(row.tenant, row.submitted_by)
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the records store cannot be read: {exc}") from exc


def tenant_batches(db: RecordsDatabase, tenant: str) -> set[str]:
    try:
        with db.session() as session:
            return set(session.scalars(select(Batch.batch_id).where(Batch.tenant == tenant)))
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the records store cannot be read: {exc}") from exc


def _link(session, tenant, batch_id, event, actor, at, payload) -> None:  # noqa: ANN001
    text = canonical_json(payload).decode("utf-8")
    chain.append(
        session.connection(),
        tenant=tenant,
        record_type="batch",
        record_id=batch_id,
        event=event,
        actor=actor,
        at=at,
        content=text.encode("utf-8"),
        payload=text,
    )


__all__ = ["BatchOwner", "batch_owner", "record_batch", "record_batch_event", "tenant_batches"]
