"""Publish an event: one delivery row per webhook that wants it, then a prompt attempt.

:func:`publish` writes the rows on the caller's connection, inside the transaction that
makes the event (the alert opened, the batch put on record), so an event on record always
has its deliveries and a rolled-back one has none (an outbox). Once that transaction
commits, the rows are handed to this process's dispatcher for a first attempt right
away; should that hand-over be lost (the process dies, Redis is down) the sweep finds
them due all the same. Never does a request thread wait on a receiver.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from service.records.canonical import now
from service.records.db import RecordsDatabase
from service.records.models import Webhook, WebhookDelivery
from service.webhooks import dispatch
from service.webhooks.events import GLOBAL_EVENTS, check_event, event_body, new_event_id


def publish(
    connection: Connection,
    tenant: str | None,
    event_type: str,
    data: dict[str, Any],
    *,
    at: datetime | None = None,
) -> list[str]:
    """Record the event for every live webhook of ``tenant`` subscribed to it; returns
    the delivery ids. ``tenant`` ``None`` (``lists.updated`` only) means every tenant."""
    check_event(event_type)
    if tenant is None and event_type not in GLOBAL_EVENTS:
        raise ValueError(f"{event_type} belongs to one tenant; name it")
    query = select(Webhook.webhook_id, Webhook.tenant).where(
        Webhook.deleted_at.is_(None), Webhook.events.like(f"% {event_type} %")
    )
    if tenant is not None:
        query = query.where(Webhook.tenant == tenant)
    hooks = connection.execute(query.order_by(Webhook.id)).all()
    if not hooks:
        return []
    at = at or now()
    event_id = new_event_id()
    body = event_body(event_id, event_type, at, data)
    rows = [
        {
            "delivery_id": f"whd_{uuid.uuid4().hex}",
            "webhook_id": hook.webhook_id,
            "tenant": hook.tenant,
            "event_id": event_id,
            "event_type": event_type,
            "body": body,
            "status": "pending",
            "attempts": 0,
            "created_at": at,
            "next_attempt_at": at,
            "retry_from": at,
            "claimed_until": None,
            "delivered_at": None,
        }
        for hook in hooks
    ]
    connection.execute(insert(WebhookDelivery), rows)
    ids = [row["delivery_id"] for row in rows]
    dispatch.after_commit(connection, ids)
    return ids


def publish_now(
    db: RecordsDatabase, tenant: str | None, event_type: str, data: dict[str, Any]
) -> list[str]:
    """:func:`publish` in a transaction of its own (for events with no record of theirs,
    such as ``monitoring.run_completed`` or ``lists.updated``)."""
    with db.engine.begin() as connection:
        return publish(connection, tenant, event_type, data)


def publish_per_tenant(
    db: RecordsDatabase, event_type: str, data_for: Callable[[str], dict[str, Any]]
) -> dict[str, list[str]]:
    """One event per tenant with a live webhook that wants ``event_type``, each carrying
    that tenant's own view (``data_for(tenant)``): a monitoring run re-screens every
    tenant's book, but a tenant is told only its own numbers and alerts."""
    check_event(event_type)
    query = select(Webhook.tenant).where(
        Webhook.deleted_at.is_(None), Webhook.events.like(f"% {event_type} %")
    )
    with db.engine.begin() as connection:
        tenants = sorted(set(connection.scalars(query.distinct())))
        return {t: publish(connection, t, event_type, data_for(t)) for t in tenants}
