"""Schemas of ``/v1/keys``."""

from __future__ import annotations

import marshmallow as ma

from service.auth import ROLES


class KeySchema(ma.Schema):
    id = ma.fields.String()
    tenant = ma.fields.String()
    role = ma.fields.String()
    name = ma.fields.String()
    created_at = ma.fields.String()
    created_by = ma.fields.String()
    expires_at = ma.fields.String(allow_none=True)
    revoked_at = ma.fields.String(allow_none=True)
    active = ma.fields.Boolean()


class NewKeySchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    role = ma.fields.String(required=True, validate=ma.validate.OneOf(ROLES))
    name = ma.fields.String(load_default="", validate=ma.validate.Length(max=200))
    expires_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)


class CreatedKeySchema(KeySchema):
    key = ma.fields.String(metadata={"description": "The key itself: shown this once only"})


class KeyListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(KeySchema))
