"""Attempt a delivery, and find the ones that are due: at-least-once, with backoff.

A worker first *claims* a due delivery (a lease in ``claimed_until``), so two workers
never post it at once, then posts it, then records the attempt and what comes next:
``delivered``; another try after an exponentially growing delay; or, once the next try
would fall outside ``webhooks_retry_hours`` of its creation (or replay), ``failed``
(visible, and replayable). A worker killed between claim and record leaves the row
``pending``; when the lease has passed, it is due again and the next sweep takes it.
Every function takes ``now``, so tests drive retries with a clock they advance.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from sqlalchemy import and_, insert, or_, select, update

from service import __version__
from service.metrics import WEBHOOK_ATTEMPTS
from service.records.canonical import now as utc_now
from service.records.canonical import utc
from service.records.db import RecordsDatabase
from service.records.models import Webhook, WebhookAttempt, WebhookDelivery
from service.settings import Settings
from service.webhooks import send
from service.webhooks.signing import HEADER, sign
from service.webhooks.urls import RefusedUrl, check_url

log = logging.getLogger(__name__)

FIRST_DELAY = 30.0
MAX_DELAY = 3600.0
"""Seconds before the second try, doubling per failed try up to an hour: about 30 tries
in 24 hours, the first few within minutes of a short outage."""


def next_delay(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed try."""
    return min(FIRST_DELAY * 2 ** max(attempts - 1, 0), MAX_DELAY)


def lease_seconds(settings: Settings) -> float:
    """How long a claim holds: longer than one attempt can take (connect plus read)."""
    return 3 * settings.webhooks_timeout + 30


def due(db: RecordsDatabase, now: datetime, limit: int = 100) -> list[str]:
    """Pending deliveries whose time has come and that nobody holds, oldest first."""
    with db.session() as session:
        return list(
            session.scalars(
                select(WebhookDelivery.delivery_id)
                .where(_claimable(now))
                .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
                .limit(limit)
            )
        )


def sweep(db: RecordsDatabase, settings: Settings, now: datetime | None = None) -> list[str]:
    """Attempt every due delivery here, one after another; returns their outcomes."""
    now = now or utc_now()
    return [attempt(db, settings, delivery_id, now) for delivery_id in due(db, now)]


def attempt(
    db: RecordsDatabase, settings: Settings, delivery_id: str, now: datetime | None = None
) -> str:
    """Claim, post and record one delivery; returns ``delivered``, ``retry``, ``failed``
    or ``skipped`` (not due, taken by another worker, or already done)."""
    now = now or utc_now()
    claimed = _claim(db, delivery_id, now, lease_seconds(settings))
    if claimed is None:
        return "skipped"
    delivery, url, secret = claimed
    started = time.monotonic()
    try:
        target = check_url(url, settings)
    except RefusedUrl as exc:
        answer = send.Answer(None, f"refused: {exc}")
    else:
        body = delivery.body.encode("utf-8")
        try:
            answer = send.post(
                target, body, _headers(delivery, secret, body), settings.webhooks_timeout
            )
        except Exception as exc:  # noqa: BLE001 - recorded and retried like any failure
            answer = send.Answer(None, f"{type(exc).__name__}: {exc}"[:480])
    duration = int((time.monotonic() - started) * 1000)
    outcome = _record(db, settings, delivery, answer, now, duration)
    WEBHOOK_ATTEMPTS.labels(outcome).inc()
    log.info("webhook delivery %s (%s): %s", delivery_id, delivery.event_type, outcome,
             extra={"status_code": answer.status_code, "error": answer.error})  # fmt: skip
    return outcome


def _claimable(now: datetime):  # noqa: ANN202 - a SQL condition
    return and_(
        WebhookDelivery.status == "pending",
        WebhookDelivery.next_attempt_at <= now,
        or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until <= now),
    )


def _claim(db: RecordsDatabase, delivery_id: str, now: datetime, lease: float):
    """The delivery, its URL and secret, now held by us; ``None`` if it is not ours."""
    with db.engine.begin() as connection:
        done = connection.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.delivery_id == delivery_id, _claimable(now))
            .values(claimed_until=now + timedelta(seconds=lease))
        )
        if done.rowcount != 1:
            return None
        row = connection.execute(
            select(
                WebhookDelivery.delivery_id,
                WebhookDelivery.event_id,
                WebhookDelivery.event_type,
                WebhookDelivery.body,
                WebhookDelivery.attempts,
                WebhookDelivery.retry_from,
                Webhook.url,
                Webhook.secret,
            )
            .join(Webhook, Webhook.webhook_id == WebhookDelivery.webhook_id)
            .where(WebhookDelivery.delivery_id == delivery_id)
        ).one()
    return row, row.url, row.secret


def _headers(delivery: WebhookDelivery, secret: str, body: bytes) -> dict[str, str]:
    """Signed with the wall clock at sending (not ``now``): the receiver's check is
    against its own clock."""
    return {
        "Content-Type": "application/json",
        "User-Agent": f"sanctions-screening-webhooks/{__version__}",
        "X-Screening-Event": delivery.event_type,
        "X-Screening-Event-Id": delivery.event_id,
        "X-Screening-Delivery": delivery.delivery_id,
        HEADER: sign(secret, int(time.time()), body),
    }


def _record(
    db: RecordsDatabase,
    settings: Settings,
    delivery: WebhookDelivery,
    answer: send.Answer,
    now: datetime,
    duration_ms: int,
) -> str:
    attempts = delivery.attempts + 1
    values: dict[str, object] = {"attempts": attempts, "claimed_until": None}
    if answer.ok:
        outcome = "delivered"
        values.update(status="delivered", delivered_at=now, next_attempt_at=None)
    else:
        retry_at = now + timedelta(seconds=next_delay(attempts))
        window_ends = utc(delivery.retry_from) + timedelta(hours=settings.webhooks_retry_hours)
        if retry_at <= window_ends:
            outcome = "retry"
            values.update(next_attempt_at=retry_at)
        else:
            outcome = "failed"
            values.update(status="failed", next_attempt_at=None)
    with db.engine.begin() as connection:
        connection.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.delivery_id == delivery.delivery_id)
            .where(WebhookDelivery.status == "pending")
            .values(**values)
        )
        connection.execute(
            insert(WebhookAttempt),
            {
                "delivery_id": delivery.delivery_id,
                "at": now,
                "status_code": answer.status_code,
                "error": (answer.error or None) and answer.error[:500],
                "duration_ms": duration_ms,
                "outcome": outcome,
            },
        )
    return outcome
