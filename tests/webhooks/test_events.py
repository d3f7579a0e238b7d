"""Event types and the body every delivery of an event carries."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from service.webhooks.events import EVENTS, UnknownEvent, check_event, event_body, new_event_id


def test_the_body_has_id_type_time_and_the_object() -> None:
    at = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    event_id = new_event_id()
    body = json.loads(event_body(event_id, "batch.completed", at, {"batch_id": "b", "at": at}))
    assert body == {
        "id": event_id,
        "type": "batch.completed",
        "time": "2026-12-03T12:00:00.000000+00:00",
        "data": {"batch_id": "b", "at": "2026-12-03T12:00:00.000000+00:00"},
    }
    assert new_event_id() != event_id


def test_only_known_events() -> None:
    assert set(EVENTS) == {
        "alert.created",
        "alert.closed",
        "batch.completed",
        "monitoring.run_completed",
        "lists.updated",
    }
    assert check_event("lists.updated") == "lists.updated"
    with pytest.raises(UnknownEvent, match="alert.created"):
        check_event("alert.deleted")
    with pytest.raises(TypeError):
        event_body("evt", "lists.updated", datetime.now(UTC), {"x": object()})
