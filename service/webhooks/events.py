"""The events a webhook can ask for, and the body every delivery of one event carries.

A body is ``{"id", "type", "time", "data"}``: ``id`` is the event's (the same in every
delivery and retry of it, so a receiver drops duplicates by it), ``data`` the object the
event is about (an alert, a batch, a list version, a monitoring run).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from service.records.canonical import iso

ALERT_CREATED = "alert.created"
ALERT_CLOSED = "alert.closed"
BATCH_COMPLETED = "batch.completed"
MONITORING_RUN_COMPLETED = "monitoring.run_completed"
LISTS_UPDATED = "lists.updated"
EVENTS = (ALERT_CREATED, ALERT_CLOSED, BATCH_COMPLETED, MONITORING_RUN_COMPLETED, LISTS_UPDATED)
GLOBAL_EVENTS = frozenset({LISTS_UPDATED})
"""Events about the service itself, not one tenant's data: every tenant may receive them."""


class UnknownEvent(ValueError):
    field = "events"


def check_event(event_type: str) -> str:
    if event_type not in EVENTS:
        raise UnknownEvent(f"Unknown event {event_type!r}; one of: {', '.join(EVENTS)}.")
    return event_type


def new_event_id() -> str:
    return f"evt_{uuid.uuid4().hex}"


def event_body(event_id: str, event_type: str, at: datetime, data: dict[str, Any]) -> str:
    """The JSON text sent, byte for byte, on every attempt (the signature covers it)."""
    payload = {"id": event_id, "type": event_type, "time": iso(at), "data": data}
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
