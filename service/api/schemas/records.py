"""Schemas of ``GET /v1/screenings`` and ``GET /v1/screenings/{id}``."""

from __future__ import annotations

import marshmallow as ma

from service.records.screenings import MAX_PAGE


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
