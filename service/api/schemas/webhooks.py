"""Schemas of ``/v1/webhooks``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from service.api.schemas.common import no_control_characters
from service.webhooks.deliveries import MAX_PAGE, STATUSES
from service.webhooks.events import EVENTS
from service.webhooks.urls import MAX_URL


class _Strict(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class NewWebhookSchema(_Strict):
    url = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=MAX_URL), no_control_characters],
        metadata={"example": "https://hooks.example.com/screening"},
    )
    events = fields.List(
        fields.String(validate=validate.OneOf(EVENTS)),
        required=True,
        validate=validate.Length(min=1, max=len(EVENTS)),
        metadata={"example": ["alert.created", "alert.closed"]},
    )
    description = fields.String(
        load_default="", validate=[validate.Length(max=200), no_control_characters]
    )


class WebhookSchema(ma.Schema):
    id = fields.String()
    url = fields.String()
    events = fields.List(fields.String(validate=validate.OneOf(EVENTS)))
    description = fields.String()
    created_at = fields.String()
    created_by = fields.String()


class CreatedWebhookSchema(WebhookSchema):
    secret = fields.String(
        metadata={"description": "Signs every delivery (X-Screening-Signature): shown this once"}
    )


class WebhookListSchema(ma.Schema):
    items = fields.List(fields.Nested(WebhookSchema))


class AttemptSchema(ma.Schema):
    at = fields.String()
    outcome = fields.String(metadata={"description": "delivered, retry or failed"})
    status_code = fields.Integer(allow_none=True, metadata={"description": "The receiver's"})
    error = fields.String(allow_none=True)
    duration_ms = fields.Integer()


class DeliverySchema(ma.Schema):
    id = fields.String()
    event_id = fields.String(metadata={"description": "The same on every retry: drop repeats"})
    event_type = fields.String(validate=validate.OneOf(EVENTS))
    status = fields.String(validate=validate.OneOf(STATUSES))
    created_at = fields.String()
    attempt_count = fields.Integer(
        metadata={"description": "Tries since it was created or last replayed"}
    )
    next_attempt_at = fields.String(allow_none=True)
    delivered_at = fields.String(allow_none=True)
    attempts = fields.List(fields.Nested(AttemptSchema))


class DeliveriesQuerySchema(_Strict):
    status = fields.String(validate=validate.OneOf(STATUSES))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, MAX_PAGE))
    cursor = fields.String(validate=validate.Length(max=40))


class DeliveryPageSchema(ma.Schema):
    items = fields.List(fields.Nested(DeliverySchema))
    next_cursor = fields.String(allow_none=True)


class WebhookEventSchema(ma.Schema):
    """The JSON body POSTed to a webhook (documented for receivers; never an input)."""

    id = fields.String(metadata={"description": "The event's id: the same on every retry"})
    type = fields.String(validate=validate.OneOf(EVENTS))
    time = fields.String(metadata={"description": "When the event happened (UTC, ISO 8601)"})
    data = fields.Dict(metadata={"description": "The alert, batch, list version or run"})
