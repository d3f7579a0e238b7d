"""A webhook's deliveries as its owner sees them (each with every attempt), and replay.

Newest first, ``limit`` per page, with an opaque cursor. A ``failed`` delivery (its
retries ran out) can be replayed: it is pending again, due now, with a fresh retry window
and backoff (``attempt_count`` counts the tries since), and keeps its event id and body,
so a receiver that did get it after all drops it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from service.records.canonical import iso, now
from service.records.db import RecordsDatabase
from service.records.models import WebhookAttempt, WebhookDelivery
from service.webhooks import dispatch
from service.webhooks.registry import get_webhook

MAX_PAGE = 100
STATUSES = ("pending", "delivered", "failed", "cancelled")


class DeliveryNotFound(LookupError):
    """No such delivery of this webhook in the caller's tenant."""


class NotReplayable(Exception):
    """Only a failed delivery is replayed; the message names its status."""

    field = "status"


class InvalidDeliveryCursor(ValueError):
    field = "cursor"


def list_deliveries(
    db: RecordsDatabase,
    tenant: str,
    webhook_id: str,
    *,
    status: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the webhook's deliveries and the cursor of the next (or ``None``)."""
    get_webhook(db, tenant, webhook_id)  # WebhookNotFound for another tenant's
    query = select(WebhookDelivery).where(
        WebhookDelivery.webhook_id == webhook_id, WebhookDelivery.tenant == tenant
    )
    if status:
        query = query.where(WebhookDelivery.status == status)
    if cursor:
        query = query.where(WebhookDelivery.id < _decode(cursor))
    with db.session() as session:
        rows = list(session.scalars(query.order_by(WebhookDelivery.id.desc()).limit(limit + 1)))
        page = rows[:limit]
        attempts = _attempts(session, [row.delivery_id for row in page])
        items = [as_dict(row, attempts.get(row.delivery_id, [])) for row in page]
    return items, (str(page[-1].id) if len(rows) > limit else None)


def get_delivery(
    db: RecordsDatabase, tenant: str, webhook_id: str, delivery_id: str
) -> dict[str, Any]:
    with db.session() as session:
        row = _one(session, tenant, webhook_id, delivery_id)
        return as_dict(row, _attempts(session, [delivery_id]).get(delivery_id, []))


def replay(db: RecordsDatabase, tenant: str, webhook_id: str, delivery_id: str) -> dict[str, Any]:
    """Make a failed delivery pending again, due now; returns it."""
    get_webhook(db, tenant, webhook_id)  # a deleted webhook's deliveries are not replayed
    at = now()
    with db.engine.begin() as connection:
        row = connection.execute(
            _where(select(WebhookDelivery), tenant, webhook_id, delivery_id)
        ).first()
        if row is None:
            raise DeliveryNotFound(f"No delivery {delivery_id} of webhook {webhook_id}.")
        if row.status != "failed":
            raise NotReplayable(
                f"Delivery {delivery_id} is {row.status}; only a failed delivery is replayed."
            )
        connection.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.delivery_id == delivery_id, WebhookDelivery.status == "failed")
            .values(
                status="pending", next_attempt_at=at, retry_from=at, claimed_until=None, attempts=0
            )
        )
        dispatch.after_commit(connection, [delivery_id])
    return get_delivery(db, tenant, webhook_id, delivery_id)


def as_dict(row: WebhookDelivery, attempts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row.delivery_id,
        "event_id": row.event_id,
        "event_type": row.event_type,
        "status": row.status,
        "created_at": iso(row.created_at),
        "attempt_count": row.attempts,
        "next_attempt_at": iso(row.next_attempt_at),
        "delivered_at": iso(row.delivered_at),
        "attempts": attempts,
    }


def _one(session, tenant: str, webhook_id: str, delivery_id: str) -> WebhookDelivery:  # noqa: ANN001
    row = session.scalar(_where(select(WebhookDelivery), tenant, webhook_id, delivery_id))
    if row is None:
        raise DeliveryNotFound(f"No delivery {delivery_id} of webhook {webhook_id}.")
    return row


def _where(query, tenant: str, webhook_id: str, delivery_id: str):  # noqa: ANN001, ANN202
    return query.where(
        WebhookDelivery.delivery_id == delivery_id,
        WebhookDelivery.webhook_id == webhook_id,
        WebhookDelivery.tenant == tenant,
    )


def _attempts(session, delivery_ids: list[str]) -> dict[str, list[dict[str, Any]]]:  # noqa: ANN001
    found: dict[str, list[dict[str, Any]]] = {}
    if not delivery_ids:
        return found
    rows = session.scalars(
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id.in_(delivery_ids))
        .order_by(WebhookAttempt.id)
    )
    for row in rows:
        found.setdefault(row.delivery_id, []).append(
            {
                "at": iso(row.at),
                "outcome": row.outcome,
                "status_code": row.status_code,
                "error": row.error,
                "duration_ms": row.duration_ms,
            }
        )
    return found


def _decode(cursor: str) -> int:
    if not cursor.isdigit() or len(cursor) > 19:
        raise InvalidDeliveryCursor("Not a cursor this endpoint gave.")
    return int(cursor)
