"""Per-list update status: what the last attempt did and why a version was refused.

A refusal must stay visible after the command that hit it has exited (an operator runs
``screening lists show`` the next morning), so it is recorded in ``status.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from service.store.files import read_json, write_json
from service.store.versions import ListStore


def utc_now() -> str:
    """Current time as ISO 8601 UTC with a ``Z``, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read_status(store: ListStore) -> dict[str, Any]:
    """The recorded status of one list (empty when it was never updated)."""
    return read_json(store.status_path) or {}


def record_attempt(store: ListStore, attempt: Mapping[str, Any]) -> dict[str, Any]:
    """Save ``attempt`` as the last one; a refusal is also kept as ``last_refusal``.

    ``last_refusal`` survives later successful updates, so the history of why a
    version was kept back is not lost at the next good download.
    """
    status = read_status(store)
    status["list_id"] = store.list_id
    status["last_attempt"] = dict(attempt)
    if attempt.get("outcome") == "refused":
        status["last_refusal"] = dict(attempt)
    if attempt.get("outcome") == "activated":
        status["last_activated"] = dict(attempt)
    write_json(store.status_path, status)
    return status
