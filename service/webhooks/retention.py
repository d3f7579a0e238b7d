"""Old deliveries go with the records: their bodies name the subjects of alerts.

``screening audit purge`` removes finished deliveries (delivered, failed, cancelled)
created before the cutoff, with their attempts; a pending one is kept whatever its age
(it is still owed to its receiver).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from service.records.db import RecordsDatabase
from service.records.models import WebhookAttempt, WebhookDelivery

FINISHED = ("delivered", "failed", "cancelled")


def purge_deliveries(db: RecordsDatabase, cutoff: datetime, tenant: str | None = None) -> int:
    """Remove finished deliveries created before ``cutoff``; returns how many."""
    old = select(WebhookDelivery.delivery_id).where(
        WebhookDelivery.created_at < cutoff, WebhookDelivery.status.in_(FINISHED)
    )
    if tenant is not None:
        old = old.where(WebhookDelivery.tenant == tenant)
    with db.engine.begin() as connection:
        ids = list(connection.scalars(old))
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            connection.execute(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(part)))
            connection.execute(delete(WebhookDelivery).where(WebhookDelivery.delivery_id.in_(part)))
    return len(ids)
