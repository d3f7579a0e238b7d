"""Schemas of ``/v1/customers`` and ``/v1/monitoring/runs``."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from service.api.schemas.batches import BatchUploadSchema
from service.api.schemas.common import (
    MAX_NAME,
    StrictSchema,
    date_of_birth_field,
    has_letter_or_digit,
    identifiers_field,
    no_control_characters,
    not_blank,
)
from service.core.model import ENTITY_TYPES
from service.monitoring.book import MAX_PAGE

MAX_FIELDS = 50
MAX_FIELD_TEXT = 1000


def free_fields(value: dict[str, Any]) -> None:
    """The bank's own fields: a flat object of at most 50 short scalars."""
    if len(value) > MAX_FIELDS:
        raise ma.ValidationError(f"At most {MAX_FIELDS} fields.")
    for key, item in value.items():
        if not isinstance(key, str) or not 1 <= len(key) <= 64:
            raise ma.ValidationError("Field names are 1-64 characters.")
        if isinstance(item, str) and len(item) > MAX_FIELD_TEXT:
            raise ma.ValidationError(f"{key}: at most {MAX_FIELD_TEXT} characters.")
        if item is not None and not isinstance(item, str | int | float | bool):
            raise ma.ValidationError(f"{key}: a string, number, boolean or null.")


class CustomerBodySchema(StrictSchema):
    """A customer as the bank keeps it; ``fields`` are kept and never screened."""

    name = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_NAME),
            no_control_characters,
            not_blank,
            has_letter_or_digit,
        ],
        metadata={"example": "Joaquin Guzman Loera"},
    )
    entity_type = fields.String(
        validate=validate.OneOf(ENTITY_TYPES), load_default=None, allow_none=True
    )
    country = fields.String(
        validate=[validate.Length(max=128), no_control_characters],
        load_default=None,
        allow_none=True,
        metadata={"description": "ISO 3166 alpha-2 code or a country name", "example": "MX"},
    )
    date_of_birth = date_of_birth_field()
    identifiers = identifiers_field()
    fields_ = fields.Dict(
        data_key="fields",
        attribute="fields",
        validate=free_fields,
        load_default=dict,
        metadata={"description": "Your own fields (segment, branch ...): kept, not screened"},
    )


class CustomerScreeningSchema(ma.Schema):
    screening_id = fields.String()
    decision = fields.String()
    screened_at = fields.String()
    list_versions = fields.Dict(metadata={"description": "List id -> version screened against"})


class CustomerSchema(ma.Schema):
    customer_id = fields.String()
    name = fields.String()
    entity_type = fields.String(allow_none=True)
    country = fields.String(allow_none=True)
    date_of_birth = fields.String(allow_none=True)
    identifiers = fields.List(fields.Dict())
    fields_ = fields.Dict(data_key="fields", attribute="fields")
    created_at = fields.String()
    updated_at = fields.String()
    screening = fields.Nested(
        CustomerScreeningSchema,
        allow_none=True,
        metadata={"description": "Its last screening (null until screened)"},
    )


class PutCustomerSchema(CustomerSchema):
    screened = fields.Boolean(
        metadata={"description": "False when nothing screened changed (no new screening)"}
    )
    alert_id = fields.String(
        allow_none=True, metadata={"description": "The alert this screening opened or joined"}
    )
    new_alert = fields.Boolean()


class CustomersQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, MAX_PAGE))
    cursor = fields.String(validate=validate.Length(max=400), load_default=None)


class CustomerPageSchema(ma.Schema):
    items = fields.List(fields.Nested(CustomerSchema))
    next_cursor = fields.String(allow_none=True)


class CustomerUploadSchema(BatchUploadSchema):
    """A customer file: the batch upload form (``file``, ``mapping``, ``entity_type``,
    ``encoding``). ``threshold`` and ``lists`` are ignored: a customer is always screened
    as ``/v1/screen`` screens, against every loaded list."""

    @ma.pre_load
    def _no_screening_options(self, data: Any, **_: Any) -> dict:
        return {k: v for k, v in data.items() if k not in ("threshold", "lists")}


class RunsQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))
    cursor = fields.String(validate=validate.Length(max=200), load_default=None)


class RunSchema(ma.Schema):
    run_id = fields.String()
    started_at = fields.String()
    finished_at = fields.String()
    mode = fields.String(
        metadata={
            "enum": ["baseline", "unchanged", "diff", "full"],
            "description": "diff: only customers the changed entries could match; full: "
            "the whole book (the diff was unknown or the service changed)",
        }
    )
    versions_before = fields.Dict(metadata={"description": "List id -> version diffed from"})
    versions_after = fields.Dict(metadata={"description": "List id -> version screened against"})
    changes = fields.Dict(
        metadata={"description": "Per list: versions and entries added, changed, removed"}
    )
    rescreened = fields.Integer(metadata={"description": "Your customers re-screened"})
    new_alerts = fields.Integer(metadata={"description": "Alerts the run opened for you"})
    delisted = fields.List(
        fields.String(), metadata={"description": "Your open alerts whose match left its list"}
    )
    seconds = fields.Float()
    service_version = fields.String()


class RunPageSchema(ma.Schema):
    items = fields.List(fields.Nested(RunSchema))
    next_cursor = fields.String(allow_none=True)
