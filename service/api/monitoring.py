"""``GET /v1/monitoring/runs``: the monitor's runs, each with the caller's tenant's counts."""

from __future__ import annotations

from typing import Any

from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.api.schemas.customers import RunPageSchema, RunsQuerySchema
from service.monitoring.runs import list_runs

blp = Blueprint("monitoring", __name__, url_prefix="/v1", description="Ongoing monitoring")


@blp.route("/monitoring/runs", methods=["GET"])
@blp.arguments(RunsQuerySchema(), location="query")
@blp.response(200, RunPageSchema())
@blp.problem(400, "Invalid cursor")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Role may not read records")
def monitoring_runs(args: dict[str, Any]) -> dict[str, Any]:
    """Newest first: when, which list versions before and after, what changed, how many of
    your customers were re-screened, new alerts, and alerts whose match was delisted."""
    items, next_cursor = list_runs(
        get_auth().db, current_principal().tenant, args["limit"], args["cursor"]
    )
    return {"items": items, "next_cursor": next_cursor}
