"""``GET /v1/screenings`` and ``GET /v1/screenings/{id}``: the caller's tenant's records.

Another tenant's record answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from flask_smorest import abort

from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.api.schemas.records import (
    ScreeningPageSchema,
    ScreeningRecordSchema,
    ScreeningsQuerySchema,
)
from service.records.screenings import ScreeningQuery, get_screening, list_screenings

blp = Blueprint(
    "records",
    __name__,
    url_prefix="/v1",
    description="Screening records: every answer as received and as sent",
)


@blp.route("/screenings", methods=["GET"])
@blp.arguments(ScreeningsQuerySchema(), location="query")
@blp.response(200, ScreeningPageSchema())
@blp.problem(400, "Invalid filter or cursor")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Role may not read records")
def screenings(args: dict[str, Any]) -> dict[str, Any]:
    """The caller's tenant's screening records, newest first, ``limit`` per page."""
    items, next_cursor = list_screenings(
        get_auth().db, current_principal().tenant, ScreeningQuery(**args)
    )
    return {"items": items, "next_cursor": next_cursor}


@blp.route("/screenings/<screening_id>", methods=["GET"])
@blp.response(200, ScreeningRecordSchema())
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Role may not read records")
@blp.problem(404, "No such record for this tenant")
def screening(screening_id: str) -> dict[str, Any]:
    """One record: the request as received, the response as sent, who, when, versions."""
    record = get_screening(get_auth().db, current_principal().tenant, screening_id[:64])
    if record is None:
        abort(404, message=f"No screening {screening_id}.")
    return record
