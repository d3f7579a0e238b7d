"""Screening records: write one (with its chain link) before the answer leaves, read them.

The HTTP layer hands over the request as received and the response as it will be sent;
both go into one transaction with the chain link and any idempotency key. If that
transaction fails, :class:`~service.records.db.RecordsUnavailable` is raised and the
answer must not be sent: an unrecorded screening cannot be used to release a payment.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from service.records import chain
from service.records.canonical import canonical_json, iso, now, sha256_hex, utc
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import AuditEvent, IdempotencyKey, Screening
from service.records.writer import DuplicateKey, write_screening

MAX_PAGE = 200


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with a different request body."""

    field = "Idempotency-Key"


class IdempotencyRace(Exception):
    """Two requests with one key were screened at once; the other one was recorded first."""


@dataclass(frozen=True)
class NewScreening:
    """Everything recorded about one answered screening."""

    screening_id: str
    kind: str
    tenant: str
    principal: str
    received_at: datetime
    answered_at: datetime
    request: str
    response: str
    decision: str
    list_versions: dict[str, Any]
    ruleset_version: str = ""
    reference_version: str = ""
    service_version: str = ""
    subjects: tuple[str, ...] = ()
    customer_id: str | None = None
    idempotency_key: str | None = None
    request_hash: str = ""


@dataclass(frozen=True)
class Replay:
    """The recorded answer of an earlier request with the same Idempotency-Key."""

    screening_id: str
    response: str


@dataclass(frozen=True)
class ScreeningQuery:
    """Filters of ``GET /v1/screenings`` (all optional, combined with AND)."""

    decision: str | None = None
    kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    subject: str | None = None
    customer_id: str | None = None
    limit: int = 50
    cursor: str | None = None


def new_screening_id() -> str:
    return f"scr_{uuid.uuid4().hex}"


def request_hash(body: Any) -> str:
    """What "the same body" means for idempotency: equal JSON, whatever the spacing."""
    return sha256_hex(canonical_json(body))


def record_screening(db: RecordsDatabase, new: NewScreening) -> None:
    """Write the screening, its chain link and its idempotency key in one transaction.

    It runs before every screening answer, hence the driver-level writer
    (:mod:`service.records.writer`).
    """
    row = {
        "screening_id": new.screening_id,
        "tenant": new.tenant,
        "kind": new.kind,
        "principal": new.principal,
        "received_at": utc(new.received_at),
        "answered_at": utc(new.answered_at),
        "request": new.request,
        "response": new.response,
        "decision": new.decision,
        "list_versions": json.dumps(new.list_versions, sort_keys=True),
        "ruleset_version": new.ruleset_version,
        "reference_version": new.reference_version,
        "service_version": new.service_version,
        "subjects": "\n".join(s.upper() for s in new.subjects),
        "customer_id": new.customer_id,
        "idempotency_key": new.idempotency_key,
    }
    key_row = None
    if new.idempotency_key:
        key_row = {
            "tenant": new.tenant,
            "key": new.idempotency_key,
            "request_hash": new.request_hash,
            "screening_id": new.screening_id,
            "created_at": row["received_at"],
        }
    try:
        write_screening(db, row, chain.screening_content(row), key_row)
    except DuplicateKey as exc:
        if key_row is not None:
            raise IdempotencyRace(new.idempotency_key) from exc
        raise RecordsUnavailable(f"the screening record could not be written: {exc}") from exc


def find_replay(
    db: RecordsDatabase, tenant: str, key: str, body_hash: str, keep: timedelta
) -> Replay | None:
    """The recorded answer for ``key`` if it is still kept; 409 material if the body differs."""
    try:
        with db.session() as session:
            kept = session.get(IdempotencyKey, (tenant, key))
            if kept is None:
                return None
            if utc(kept.created_at) < now() - keep:
                session.execute(
                    delete(IdempotencyKey).where(
                        IdempotencyKey.tenant == tenant, IdempotencyKey.key == key
                    )
                )
                return None
            if kept.request_hash != body_hash:
                raise IdempotencyConflict(
                    "This Idempotency-Key was used with a different request body; "
                    "use a new key for a new request."
                )
            row = session.scalars(
                select(Screening).where(Screening.screening_id == kept.screening_id)
            ).one()
            return Replay(row.screening_id, row.response)
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the records store cannot be read: {exc}") from exc


def get_screening(db: RecordsDatabase, tenant: str, screening_id: str) -> dict[str, Any] | None:
    """The full record, or ``None`` when it does not exist for this tenant."""
    try:
        with db.session() as session:
            row = session.scalars(
                select(Screening).where(
                    Screening.screening_id == screening_id, Screening.tenant == tenant
                )
            ).one_or_none()
            if row is None:
                return None
            link = session.scalars(
                select(AuditEvent).where(
                    AuditEvent.record_id == screening_id, AuditEvent.tenant == tenant
                )
            ).first()
            record = _summary(row)
            record["request"] = _json_or_text(row.request)
            record["response"] = _json_or_text(row.response)
            record["chain"] = {"seq": link.seq, "hash": link.hash} if link else None
            return record
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the records store cannot be read: {exc}") from exc


def list_screenings(
    db: RecordsDatabase, tenant: str, query: ScreeningQuery
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the tenant's records, newest first, and the cursor of the next page."""
    limit = max(1, min(query.limit, MAX_PAGE))
    stmt = select(Screening).where(Screening.tenant == tenant)
    if query.decision:
        stmt = stmt.where(Screening.decision == query.decision)
    if query.kind:
        stmt = stmt.where(Screening.kind == query.kind)
    if query.since:
        stmt = stmt.where(Screening.received_at >= utc(query.since))
    if query.until:
        stmt = stmt.where(Screening.received_at < utc(query.until))
    if query.subject:
        stmt = stmt.where(Screening.subjects.contains(query.subject.upper(), autoescape=True))
    if query.customer_id:
        stmt = stmt.where(Screening.customer_id == query.customer_id)
    if query.cursor:
        stmt = stmt.where(Screening.id < decode_cursor(query.cursor))
    stmt = stmt.order_by(Screening.id.desc()).limit(limit + 1)
    try:
        with db.session() as session:
            rows = list(session.scalars(stmt))
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the records store cannot be read: {exc}") from exc
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].id) if more and rows else None
    return [_summary(row) for row in rows], next_cursor


class InvalidCursor(ValueError):
    field = "cursor"


def encode_cursor(row_id: int) -> str:
    return base64.urlsafe_b64encode(f"s:{row_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = text.partition(":")
        if kind != "s":
            raise ValueError(kind)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCursor(
            "Not a cursor from a previous page (use next_cursor as given)."
        ) from exc


def _summary(row: Screening) -> dict[str, Any]:
    return {
        "screening_id": row.screening_id,
        "kind": row.kind,
        "tenant": row.tenant,
        "principal": row.principal,
        "received_at": iso(row.received_at),
        "answered_at": iso(row.answered_at),
        "decision": row.decision,
        "subjects": [s for s in row.subjects.split("\n") if s],
        "customer_id": row.customer_id,
        "list_versions": json.loads(row.list_versions),
        "ruleset_version": row.ruleset_version,
        "reference_version": row.reference_version,
        "service_version": row.service_version,
    }


def _json_or_text(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text
