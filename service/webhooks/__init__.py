"""Webhooks: a tenant's subscriptions, and signed, retried deliveries of its events.

No Flask here: the API (``service.api.webhooks``), the workers and the CLI share it.
Other features announce events with :func:`publish` (inside the transaction that makes
the event) or :func:`publish_now` (in a transaction of its own); see
:mod:`service.webhooks.events` for the event types.
"""

from __future__ import annotations

from service.webhooks.events import EVENTS
from service.webhooks.publish import publish, publish_now, publish_per_tenant

__all__ = ["EVENTS", "publish", "publish_now", "publish_per_tenant"]
