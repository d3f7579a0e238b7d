"""A tenant's webhooks: register one (with a new secret), read them, delete one.

The secret is generated here and returned once, at registration. It is stored as issued
because every delivery must be signed with it (a hash, as for API keys, could not sign);
encrypting it at rest is out of scope: it sits in the bank's records database, whose
access already guards every record. Another tenant's webhook is not found.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update

from service.records.canonical import iso, now
from service.records.db import RecordsDatabase
from service.records.models import Webhook, WebhookDelivery
from service.settings import Settings
from service.webhooks.events import check_event
from service.webhooks.urls import Resolver, check_url

MAX_WEBHOOKS = 20
"""Per tenant: every event is posted to each, so their number bounds the work."""


class WebhookNotFound(LookupError):
    """No such webhook in the caller's tenant (another tenant's is not found either)."""


class TooManyWebhooks(ValueError):
    field = "url"


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def create_webhook(
    db: RecordsDatabase,
    settings: Settings,
    *,
    tenant: str,
    url: str,
    events: Sequence[str],
    description: str = "",
    created_by: str = "",
    resolver: Resolver | None = None,
) -> tuple[dict[str, Any], str]:
    """Register ``url`` for ``events``; returns the webhook and its secret (shown once).

    Raises ``RefusedUrl`` (the URL policy), ``UnknownEvent`` or ``TooManyWebhooks``.
    """
    wanted = sorted({check_event(e) for e in events})
    check_url(url, settings, resolver)
    secret = new_secret()
    with db.session() as session:
        count = session.scalar(_live(tenant).with_only_columns(func.count(Webhook.id)))
        if (count or 0) >= MAX_WEBHOOKS:
            raise TooManyWebhooks(f"A tenant may have at most {MAX_WEBHOOKS} webhooks.")
        row = Webhook(
            webhook_id=f"wh_{uuid.uuid4().hex}",
            tenant=tenant,
            url=url,
            events=" " + " ".join(wanted) + " ",
            secret=secret,
            description=description,
            created_at=now(),
            created_by=created_by,
        )
        session.add(row)
        session.flush()
        return as_dict(row), secret


def list_webhooks(db: RecordsDatabase, tenant: str) -> list[dict[str, Any]]:
    with db.session() as session:
        return [as_dict(row) for row in session.scalars(_live(tenant).order_by(Webhook.id))]


def get_webhook(db: RecordsDatabase, tenant: str, webhook_id: str) -> dict[str, Any]:
    with db.session() as session:
        return as_dict(_one(session, tenant, webhook_id))


def delete_webhook(db: RecordsDatabase, tenant: str, webhook_id: str) -> None:
    """Stop posting to it: its pending deliveries are cancelled; its history is kept."""
    with db.session() as session:
        row = _one(session, tenant, webhook_id)
        row.deleted_at = now()
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.webhook_id == webhook_id, WebhookDelivery.status == "pending")
            .values(status="cancelled", next_attempt_at=None)
        )


def as_dict(row: Webhook) -> dict[str, Any]:
    return {
        "id": row.webhook_id,
        "url": row.url,
        "events": row.events.split(),
        "description": row.description,
        "created_at": iso(row.created_at),
        "created_by": row.created_by,
    }


def _live(tenant: str):  # noqa: ANN202 - a Select
    return select(Webhook).where(Webhook.tenant == tenant, Webhook.deleted_at.is_(None))


def _one(session, tenant: str, webhook_id: str) -> Webhook:  # noqa: ANN001 - a Session
    row = session.scalar(_live(tenant).where(Webhook.webhook_id == webhook_id))
    if row is None:
        raise WebhookNotFound(f"No webhook {webhook_id}.")
    return row
