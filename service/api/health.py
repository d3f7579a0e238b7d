"""``GET /healthz`` (the process answers) and ``GET /readyz`` (it can screen).

Orchestrators restart on a failing liveness probe and stop routing on a failing
readiness probe; a process with no list must not be restarted in a loop, only kept out
of rotation, hence two endpoints.
"""

from __future__ import annotations

from service.api.auth import get_auth
from service.api.blueprint import Blueprint
from service.api.readiness import why_unavailable
from service.api.schemas.health import HealthSchema
from service.api.state import get_state
from service.jobs.backend import backend_health
from service.screening import ScreeningUnavailable

blp = Blueprint("health", __name__, description="Liveness and readiness probes")


@blp.route("/healthz", methods=["GET"])
@blp.doc(security=[])
@blp.response(200, HealthSchema())
def healthz() -> dict:
    """Alive: the process answers HTTP."""
    return {"status": "ok"}


@blp.route("/readyz", methods=["GET"])
@blp.doc(security=[])
@blp.response(200, HealthSchema())
@blp.problem(503, "A required list is not loaded (or too old), or the records store is down")
def readyz() -> dict:
    """Ready: every required list is loaded, indexed and fresh enough, and the records store
    answers (503 problem document otherwise)."""
    state = get_state()
    why = why_unavailable(state)
    if why is not None:
        raise ScreeningUnavailable(why)
    get_auth().db.ping()  # no record can be written: no answer can be given
    snapshots = state.catalog.snapshots
    return {
        "status": "ready",
        "lists": {lid: {"version": s.version, "sample": s.sample} for lid, s in snapshots.items()},
        "batches": backend_health(state.settings),
    }
