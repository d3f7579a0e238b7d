"""``GET /v1/screenings`` and ``GET /v1/screenings/{id}``: the caller's tenant's records.

Another tenant's record answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_smorest import abort

from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.records.screenings import (
    MAX_PAGE,
    ScreeningQuery,
    get_screening,
    list_screenings,
)

blp = Blueprint(
    "records",
    __name__,
    url_prefix="/v1",
    description="Screening records: every answer as received and as sent",
)


class ScreeningsQuerySchema(ma.Schema):
    """Filters (combined with AND) and the page."""

    class Meta:
        unknown = ma.RAISE

    decision = ma.fields.String(validate=ma.validate.OneOf(("clear", "review", "block")))
    kind = ma.fields.String(validate=ma.validate.Length(max=32))
    since = ma.fields.AwareDateTime(
        data_key="from", metadata={"description": "Received at or after (ISO 8601 with zone)"}
    )
    until = ma.fields.AwareDateTime(
        data_key="to", metadata={"description": "Received before (ISO 8601 with zone)"}
    )
    subject = ma.fields.String(
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "Part of a screened name (case-insensitive)"},
    )
    customer_id = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    limit = ma.fields.Integer(load_default=50, validate=ma.validate.Range(1, MAX_PAGE))
    cursor = ma.fields.String(
        validate=ma.validate.Length(max=100),
        metadata={"description": "next_cursor of the previous page"},
    )


class ScreeningSummarySchema(ma.Schema):
    screening_id = ma.fields.String()
    kind = ma.fields.String()
    tenant = ma.fields.String()
    principal = ma.fields.String(metadata={"description": "key:<id> or user:<id> that asked"})
    received_at = ma.fields.String()
    answered_at = ma.fields.String()
    decision = ma.fields.String()
    subjects = ma.fields.List(ma.fields.String())
    customer_id = ma.fields.String(allow_none=True)
    list_versions = ma.fields.Dict()
    ruleset_version = ma.fields.String()
    reference_version = ma.fields.String()
    service_version = ma.fields.String()


class ScreeningRecordSchema(ScreeningSummarySchema):
    request = ma.fields.Raw(metadata={"description": "The request body as received"})
    response = ma.fields.Raw(metadata={"description": "The response body as sent"})
    chain = ma.fields.Dict(metadata={"description": "{seq, hash}: this record's audit link"})


class ScreeningPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ScreeningSummarySchema))
    next_cursor = ma.fields.String(allow_none=True)


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
