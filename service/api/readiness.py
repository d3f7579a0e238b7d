"""Fail closed before any screening: every required list loaded, none too old.

One ``before_request`` hook refuses every request that would screen (``POST`` under
``/v1/screen`` and ``/v1/batches``) with a 503 naming the list, when the catalog could
not be loaded (a required list failed, see ``service.store.catalog``) or a list is older
than ``SCREENING_LIST_MAX_AGE_HOURS``. ``/readyz`` asks the same question, so a load
balancer stops routing to a process that would refuse anyway.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, request

from service.api.state import ServiceState, get_state
from service.screening import ScreeningUnavailable

SCREENING_PATHS = ("/v1/screen", "/v1/batches")
"""Path prefixes of requests that screen (a ``POST`` there answers a decision)."""


def why_unavailable(state: ServiceState, now: datetime | None = None) -> str | None:
    """Why screening must be refused right now, or ``None`` when it may go ahead."""
    catalog = state.catalog
    if catalog is None or not state.screener.available:
        return state.load_error or "No sanctions list is loaded."
    limit = state.settings.list_max_age_hours
    stale = catalog.stale(limit, now or datetime.now(UTC))
    if stale:
        ages = ", ".join(f"{lid} ({age:g} h old)" for lid, age in sorted(stale.items()))
        return (
            f"List(s) older than SCREENING_LIST_MAX_AGE_HOURS={limit:g}: {ages}. "
            "Update the lists; screening is refused until then."
        )
    return None


def refuse_when_unavailable() -> None:
    """``before_request``: a screening request gets the 503 instead of a partial answer."""
    if request.method != "POST" or not request.path.startswith(SCREENING_PATHS):
        return
    why = why_unavailable(get_state())
    if why is not None:
        raise ScreeningUnavailable(why)


def register(app: Flask) -> None:
    app.before_request(refuse_when_unavailable)
