"""Every screening answer on record before it leaves: the ``@recorded(kind)`` decorator.

Put it right under ``@blp.route`` of a screening view. It sees the request body as
received and the response as flask-smorest built it, writes both (with the caller,
the times and the versions the answer names) in one transaction, and only then lets
the answer go. A record that cannot be written turns the answer into a 503.

It also honours ``Idempotency-Key``: a retry with the same key and body gets the
recorded answer of the first request (marked ``Idempotent-Replayed: true``) instead of
a second screening; the same key with another body is a 409.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Response, g, request
from flask_smorest import abort

from service import __version__
from service.api.alerting import alert_writer
from service.api.auth import current_principal, get_auth
from service.api.state import get_state
from service.records.canonical import now
from service.records.screenings import (
    IdempotencyRace,
    NewScreening,
    Replay,
    find_replay,
    record_screening,
    request_hash,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY = 200

SCREENING_REFUSALS = (
    (401, "No valid credentials"),
    (403, "Role may not screen"),
    (409, "Idempotency-Key reused with another body"),
    (503, "No list loaded, or the record could not be written: never clear"),
)
"""What every recorded screening view may refuse with besides its body's own refusals
(document them with ``@blp.problems(*SCREENING_REFUSALS)``)."""


def recorded(kind: str) -> Callable:
    """Record every 200 answer of the decorated view as a screening of ``kind``."""

    def wrap(view: Callable[..., Response]) -> Callable[..., Response]:
        @functools.wraps(view)
        def record_then_answer(*args: Any, **kwargs: Any) -> Response:
            received = now()
            key, body_hash = _idempotency()
            if key:
                replay = _find(key, body_hash)
                if replay is not None:
                    return _replayed(replay)
            response = view(*args, **kwargs)
            if response.status_code != 200:
                return response  # refusals are not screenings
            try:
                _record(kind, received, response, key, body_hash)
            except IdempotencyRace:
                replay = _find(key, body_hash)
                if replay is None:
                    raise
                return _replayed(replay)
            return response

        return record_then_answer

    return wrap


def _idempotency() -> tuple[str | None, str]:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None, ""
    if not key or len(key) > MAX_IDEMPOTENCY_KEY or not key.isprintable():
        abort(
            400,
            message=f"{IDEMPOTENCY_HEADER} must be 1-{MAX_IDEMPOTENCY_KEY} printable characters.",
            errors={IDEMPOTENCY_HEADER: ["Invalid idempotency key."]},
        )
    data = request.get_data(cache=True)
    try:
        body = json.loads(data or b"null")
    except (ValueError, RecursionError):
        if request.mimetype == "application/json":
            return None, ""  # the view answers 400 for the body; nothing to replay
        body = data.decode("utf-8", "replace")  # a payment message (XML or FIN) as sent
    return key, request_hash(body)


def _find(key: str, body_hash: str) -> Replay | None:
    settings = get_state().settings
    keep = timedelta(hours=settings.idempotency_hours)
    return find_replay(get_auth().db, current_principal().tenant, key, body_hash, keep)


def _replayed(replay: Replay) -> Response:
    response = Response(replay.response, status=200, mimetype="application/json")
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _record(kind: str, received: Any, response: Response, key: str | None, body_hash: str) -> None:
    principal = current_principal()
    sent = response.get_data(as_text=True)
    answer = json.loads(sent)
    body = request.get_json(silent=True) or {}
    versions = answer.get("versions") or {}
    also = alert_writer(kind, answer)
    record_screening(
        get_auth().db,
        NewScreening(
            screening_id=str(answer["screening_id"]),
            kind=kind,
            tenant=principal.tenant,
            principal=principal.ref,
            received_at=received,
            answered_at=now(),
            request=request.get_data(cache=True, as_text=True),
            response=sent,
            decision=str(answer.get("decision", "")),
            list_versions=_list_versions(answer),
            ruleset_version=str(versions.get("ruleset") or ""),
            reference_version=str((versions.get("reference") or {}).get("version") or ""),
            service_version=__version__,
            subjects=tuple(_subjects(body)),
            customer_id=_customer_id(body),
            idempotency_key=key,
            request_hash=body_hash,
        ),
        also,
    )
    if also is not None:
        response.headers["Screening-Alert"] = g.alert_id


def _list_versions(answer: dict[str, Any]) -> dict[str, Any]:
    lists = answer.get("lists") or (answer.get("versions") or {}).get("lists") or {}
    return {
        list_id: (value.get("version") if isinstance(value, dict) else value)
        for list_id, value in lists.items()
    }


def _subjects(body: dict[str, Any]) -> list[str]:
    """The names screened: the subject, every party and the vessel."""
    names = [body.get("name")]
    names += [party.get("name") for party in body.get("parties") or () if isinstance(party, dict)]
    vessel = (body.get("shipment") or {}).get("vessel") if isinstance(body, dict) else None
    if isinstance(vessel, dict):
        names.append(vessel.get("name"))
    return [str(n) for n in names if n]


def _customer_id(body: dict[str, Any]) -> str | None:
    value = body.get("customer_id") or body.get("request_id")
    return None if value is None else str(value)[:200]
