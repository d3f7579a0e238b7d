"""Schemas of ``GET /v1/lists``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


class ListInfoSchema(ma.Schema):
    id = fields.String(metadata={"example": "ofac_sdn"})
    version = fields.String()
    entity_count = fields.Integer()
    name_count = fields.Integer()
    loaded_at = fields.String()
    source = fields.String(
        metadata={"description": "Download URL, or `<origin>:<list id>` (no server path)"}
    )
    sample = fields.Boolean()
    data_date = fields.String(
        allow_none=True,
        metadata={
            "description": "Publication date where the files give one, else when "
            "they were downloaded (ISO 8601)"
        },
    )
    age_hours = fields.Float(allow_none=True, metadata={"description": "Hours since data_date"})


class ListsResponseSchema(ma.Schema):
    lists = fields.List(fields.Nested(ListInfoSchema))
    errors = fields.List(
        fields.Dict(keys=fields.String(), values=fields.String()),
        metadata={"description": "[{list, error}] for lists that failed to load"},
    )
