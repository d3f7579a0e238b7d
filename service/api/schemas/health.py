"""Schemas of ``GET /healthz`` and ``GET /readyz``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from service.api.schemas.screening import ListVersionSchema


class HealthSchema(ma.Schema):
    status = fields.String(metadata={"example": "ok"})
    lists = fields.Dict(keys=fields.String(), values=fields.Nested(ListVersionSchema))
    batches = fields.String(
        metadata={
            "description": "`ok`, or `degraded: <why>` when the batch backend (Redis) is "
            "down: batches answer 503 then, single screening still works"
        }
    )
