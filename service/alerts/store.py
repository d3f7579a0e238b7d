"""Alerts on record: open one (or join an open one) inside the screening's transaction,
read the queue, read one alert with its history.

Every change to an alert is a link of the tenant's audit chain (``record_type`` ``alert``)
whose payload is the event; an alert's ``events`` are read back from those links, so the
history shown is the tamper-evident one.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import defer

from service.alerts.basis import NewAlert
from service.records import chain
from service.records.canonical import canonical_json, iso, utc
from service.records.db import RecordsDatabase
from service.records.models import Alert, AlertCount, AuditEvent
from service.webhooks import publish
from service.webhooks.events import ALERT_CREATED

STATUSES = ("open", "in_review", "pending_approval", "closed")
ACTIVE = ("open", "in_review", "pending_approval")
PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}
MAX_PAGE = 200


class InvalidAlertCursor(ValueError):
    field = "cursor"


@dataclass(frozen=True)
class AlertQuery:
    """Filters of ``GET /v1/alerts`` (all optional, combined with AND)."""

    status: str | None = None
    priority: str | None = None
    source: str | None = None
    assignee: str | None = None
    list: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    subject_key: str | None = None
    limit: int = 50
    cursor: str | None = None


def new_alert_id() -> str:
    return f"alr_{uuid.uuid4().hex}"


def add_event(
    connection: Connection,
    *,
    tenant: str,
    alert_id: str,
    event: str,
    actor: str,
    at: datetime,
    **details: Any,
) -> None:
    """One link of the chain for one thing that happened to an alert."""
    payload = canonical_json({"alert_id": alert_id, "event": event, **details}).decode()
    chain.append(
        connection,
        tenant=tenant,
        record_type="alert",
        record_id=alert_id,
        event=event,
        actor=actor,
        at=at,
        content=payload.encode(),
        payload=payload,
    )


def open_or_join(
    connection: Connection,
    new: NewAlert,
    *,
    tenant: str,
    actor: str,
    at: datetime,
    service_levels: Mapping[str, float],
) -> str:
    """The open alert of this subject with these matches, joined; else a new alert."""
    found = connection.execute(
        select(Alert.alert_id, Alert.status)
        .where(
            Alert.tenant == tenant,
            Alert.subject_key == new.subject_key,
            Alert.match_key == new.match_key,
            Alert.status.in_(ACTIVE),
        )
        .limit(1)
    ).first()
    if found is not None:
        connection.execute(
            update(Alert)
            .where(Alert.alert_id == found.alert_id)
            .values(screenings=Alert.screenings + 1, updated_at=at)
        )
        add_event(
            connection,
            tenant=tenant,
            alert_id=found.alert_id,
            event="joined",
            actor=actor,
            at=at,
            screening_id=new.screening_id,
            **{"from": found.status, "to": found.status},
        )
        return str(found.alert_id)
    alert_id = new_alert_id()
    connection.execute(
        insert(Alert),
        {
            "alert_id": alert_id,
            "tenant": tenant,
            "screening_id": new.screening_id,
            "source": new.source,
            "subject_name": new.subject_name,
            "subject_entity_type": new.entity_type,
            "subject_country": new.country,
            "subject_date_of_birth": new.date_of_birth,
            "customer_id": new.customer_id,
            "subject_key": new.subject_key,
            "match_key": new.match_key,
            "decision": new.decision,
            "priority": new.priority,
            "priority_rank": PRIORITY_RANK[new.priority],
            "risk_score": new.risk_score,
            "lists": " " + " ".join(new.lists) + " ",
            "matches": json.dumps(new.matches, sort_keys=True),
            "rule_hits": json.dumps(new.rule_hits, sort_keys=True),
            "changes": json.dumps(new.changes) if new.changes else None,
            "status": "open",
            "assignee": None,
            "created_at": at,
            "due_at": at + timedelta(hours=service_levels[new.priority]),
            "updated_at": at,
            "screenings": 1,
        },
    )
    add_event(
        connection,
        tenant=tenant,
        alert_id=alert_id,
        event="opened",
        actor=actor,
        at=at,
        screening_id=new.screening_id,
        **{"from": None, "to": "open"},
    )
    adjust_counts(connection, tenant, {("open", PRIORITY_RANK[new.priority]): 1})
    announce(connection, alert_id, ALERT_CREATED)
    return alert_id


def adjust_counts(
    connection: Connection, tenant: str, deltas: Mapping[tuple[str, int], int]
) -> None:
    """Add ``deltas`` per (status, priority rank) to the tenant's alert counts, in the
    caller's transaction. Each is one atomic upsert ``n = n + delta``; they run in key
    order so two transitions crossing in opposite directions (in_review to
    pending_approval and back) take the rows' locks in the same order, never a deadlock."""
    table = AlertCount.__table__
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    for (status, rank), delta in sorted(deltas.items()):
        if delta == 0:
            continue
        stmt = dialect.insert(table).values(
            tenant=tenant, status=status, priority_rank=rank, n=delta
        )
        connection.execute(
            stmt.on_conflict_do_update(
                index_elements=["tenant", "status", "priority_rank"],
                set_={"n": table.c.n + stmt.excluded.n},
            )
        )


def recount(connection: Connection) -> None:
    """Rebuild every tenant's counts from the alerts themselves (after a bulk load that
    bypassed ``open_or_join``; the migration does the same)."""
    connection.execute(delete(AlertCount))
    grouped = select(Alert.tenant, Alert.status, Alert.priority_rank, func.count()).group_by(
        Alert.tenant, Alert.status, Alert.priority_rank
    )
    connection.execute(
        insert(AlertCount).from_select(["tenant", "status", "priority_rank", "n"], grouped)
    )


def announce(connection: Connection, alert_id: str, event_type: str) -> list[str]:
    """Publish the alert as it now stands to its tenant's webhooks, in this transaction."""
    row = connection.execute(select(Alert).where(Alert.alert_id == alert_id)).one()
    return publish(connection, row.tenant, event_type, summary(row))  # type: ignore[arg-type]


# --- reading -------------------------------------------------------------------------------


def get_alert(db: RecordsDatabase, tenant: str, alert_id: str) -> dict[str, Any] | None:
    """One alert of ``tenant`` with its events; ``None`` for another tenant's."""
    with db.session() as session:
        row = session.scalars(
            select(Alert).where(Alert.alert_id == alert_id, Alert.tenant == tenant)
        ).first()
        if row is None:
            return None
        links = session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.record_id == alert_id,
                AuditEvent.record_type == "alert",
                AuditEvent.tenant == tenant,
            )
            .order_by(AuditEvent.seq)
        ).all()
        return {**summary(row), **_detail(row), "events": [_event(link) for link in links]}


def list_alerts(
    db: RecordsDatabase, tenant: str, query: AlertQuery
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the queue, most urgent first (priority, then due time)."""
    stmt = (
        select(Alert)
        .options(defer(Alert.matches), defer(Alert.rule_hits), defer(Alert.changes))
        .where(Alert.tenant == tenant)
    )
    if query.priority is not None:  # the rank is in the queue's indexes, the name is not
        stmt = stmt.where(Alert.priority_rank == PRIORITY_RANK[query.priority])
    for column, value in (
        (Alert.status, query.status),
        (Alert.source, query.source),
        (Alert.assignee, query.assignee),
        (Alert.subject_key, query.subject_key),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if query.list:
        stmt = stmt.where(Alert.lists.contains(f" {query.list} ", autoescape=True))
    if query.since:
        stmt = stmt.where(Alert.created_at >= utc(query.since))
    if query.until:
        stmt = stmt.where(Alert.created_at < utc(query.until))
    order = (Alert.priority_rank, Alert.due_at, Alert.id)
    if query.cursor:
        stmt = stmt.where(tuple_(*order) > tuple_(*decode_cursor(query.cursor)))
    limit = max(1, min(query.limit, MAX_PAGE))
    with db.session() as session:
        rows = session.scalars(stmt.order_by(*order).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1]) if more and rows else None
    return [summary(row) for row in rows], next_cursor


def count_alerts(db: RecordsDatabase, tenant: str) -> dict[str, dict[str, int]]:
    """Active alerts per status and per priority (the queue's header), from the counts
    kept in step with every alert write: a dozen rows, not a scan of the open alerts."""
    with db.session() as session:
        rows = session.execute(
            select(AlertCount.status, AlertCount.priority_rank, AlertCount.n).where(
                AlertCount.tenant == tenant, AlertCount.status.in_(ACTIVE)
            )
        ).all()
    by_status = dict.fromkeys(ACTIVE, 0)
    by_priority = dict.fromkeys(PRIORITY_RANK, 0)
    names = {rank: name for name, rank in PRIORITY_RANK.items()}
    for status, rank, n in rows:
        by_status[status] += n
        by_priority[names[rank]] += n
    return {"status": by_status, "priority": by_priority}


def encode_cursor(row: Alert) -> str:
    text = json.dumps([row.priority_rank, iso(utc(row.due_at)), row.id])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        rank, due, row_id = json.loads(raw)
        return int(rank), utc(datetime.fromisoformat(due)), int(row_id)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as exc:
        raise InvalidAlertCursor("Not a cursor from a previous page (use next_cursor).") from exc


def summary(row: Alert) -> dict[str, Any]:
    return {
        "alert_id": row.alert_id,
        "screening_id": row.screening_id,
        "source": row.source,
        "subject": {
            "name": row.subject_name,
            "entity_type": row.subject_entity_type,
            "country": row.subject_country,
            "date_of_birth": row.subject_date_of_birth,
            "customer_id": row.customer_id,
        },
        "decision": row.decision,
        "priority": row.priority,
        "risk_score": row.risk_score,
        "lists": row.lists.split(),
        "status": row.status,
        "assignee": row.assignee,
        "created_at": iso(utc(row.created_at)),
        "due_at": iso(utc(row.due_at)),
        "updated_at": iso(utc(row.updated_at)),
        "screenings": row.screenings,
        "outcome": row.outcome,
        "reason": row.reason,
        "decided_by": row.decided_by,
        "decided_at": iso(utc(row.decided_at)) if row.decided_at else None,
    }


def _detail(row: Alert) -> dict[str, Any]:
    return {
        "matches": json.loads(row.matches),
        "rule_hits": json.loads(row.rule_hits),
        "changes": json.loads(row.changes) if row.changes else [],
    }


def _event(link: AuditEvent) -> dict[str, Any]:
    body = json.loads(link.payload or "{}")
    return {
        "event": link.event,
        "actor": link.actor,
        "time": iso(utc(link.at)),
        "from_status": body.get("from"),
        "to_status": body.get("to"),
        "outcome": body.get("outcome"),
        "reason": body.get("reason"),
        "note": body.get("note"),
        "screening_id": body.get("screening_id"),
        "assignee": body.get("assignee"),
        "suppression_id": body.get("suppression_id"),
    }
