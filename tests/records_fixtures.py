"""Builders of screening records for the records tests."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from service.records.canonical import now
from service.records.screenings import NewScreening, new_screening_id, request_hash


def screening(
    tenant: str = "acme",
    *,
    name: str = "JOHN SMITH",
    decision: str = "clear",
    kind: str = "screen",
    customer_id: str | None = None,
    at: datetime | None = None,
    key: str | None = None,
    body: dict | None = None,
) -> NewScreening:
    at = at or now()
    body = body or {"name": name}
    sid = new_screening_id()
    response = {"screening_id": sid, "decision": decision, "matches": []}
    return NewScreening(
        screening_id=sid,
        kind=kind,
        tenant=tenant,
        principal="key:key_test",
        received_at=at,
        answered_at=at + timedelta(milliseconds=3),
        request=json.dumps(body),
        response=json.dumps(response),
        decision=decision,
        list_versions={"sample": "2026-01-01"},
        ruleset_version="rules-1",
        reference_version="ref-1",
        service_version="0.1.0",
        subjects=(name,),
        customer_id=customer_id,
        idempotency_key=key,
        request_hash=request_hash(body),
    )
