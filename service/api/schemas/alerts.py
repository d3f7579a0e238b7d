"""Schemas of ``/v1/alerts`` and ``/v1/suppressions``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from service.alerts.basis import PRIORITIES, SOURCES
from service.alerts.store import MAX_PAGE, STATUSES
from service.alerts.workflow import APPROVAL_RULES, OUTCOMES


class _Strict(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class AlertsQuerySchema(_Strict):
    """Filters (combined with AND) and the page; most urgent first."""

    status = fields.String(validate=validate.OneOf(STATUSES))
    priority = fields.String(validate=validate.OneOf(PRIORITIES))
    source = fields.String(validate=validate.OneOf(SOURCES))
    assignee = fields.String(validate=validate.Length(min=1, max=200))
    list = fields.String(validate=validate.Length(min=1, max=64))
    since = fields.AwareDateTime(data_key="from", metadata={"description": "Created at or after"})
    until = fields.AwareDateTime(data_key="to", metadata={"description": "Created before"})
    limit = fields.Integer(load_default=50, validate=validate.Range(1, MAX_PAGE))
    cursor = fields.String(validate=validate.Length(max=200))


class SubjectSchema(ma.Schema):
    name = fields.String()
    entity_type = fields.String(allow_none=True)
    country = fields.String(allow_none=True)
    date_of_birth = fields.String(allow_none=True)
    customer_id = fields.String(allow_none=True)


class AlertSummarySchema(ma.Schema):
    alert_id = fields.String()
    screening_id = fields.String(metadata={"description": "The screening that opened it"})
    source = fields.String(validate=validate.OneOf(SOURCES))
    subject = fields.Nested(SubjectSchema)
    decision = fields.String()
    priority = fields.String(validate=validate.OneOf(PRIORITIES))
    risk_score = fields.Integer(allow_none=True)
    lists = fields.List(fields.String())
    status = fields.String(validate=validate.OneOf(STATUSES))
    assignee = fields.String(allow_none=True)
    created_at = fields.String()
    due_at = fields.String(metadata={"description": "created_at plus the priority's service level"})
    updated_at = fields.String()
    screenings = fields.Integer(
        metadata={"description": "Screenings that joined it (the first included)"}
    )
    outcome = fields.String(allow_none=True, validate=validate.OneOf(OUTCOMES))
    reason = fields.String(allow_none=True)
    decided_by = fields.String(allow_none=True)
    decided_at = fields.String(allow_none=True)


class AlertEventSchema(ma.Schema):
    event = fields.String()
    actor = fields.String()
    time = fields.String()
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    screening_id = fields.String(allow_none=True)
    assignee = fields.String(allow_none=True)
    suppression_id = fields.String(allow_none=True)


class AlertSchema(AlertSummarySchema):
    matches = fields.List(fields.Dict(), metadata={"description": "As screened, with fingerprints"})
    rule_hits = fields.List(fields.Dict())
    changes = fields.List(
        fields.Dict(),
        metadata={"description": "List entries that changed since a false positive was cleared"},
    )
    events = fields.List(fields.Nested(AlertEventSchema))


class AlertPageSchema(ma.Schema):
    items = fields.List(fields.Nested(AlertSummarySchema))
    next_cursor = fields.String(allow_none=True)
    counts = fields.Dict(metadata={"description": "Active alerts per status and per priority"})


class AssignSchema(_Strict):
    assignee = fields.String(
        validate=validate.Length(min=1, max=200),
        load_default=None,
        allow_none=True,
        metadata={"description": "A principal reference (user:<id>); default yourself"},
    )


class DecisionSchema(_Strict):
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=64))
    note = fields.String(load_default="", validate=validate.Length(max=4000))


class ApprovalSchema(_Strict):
    approve = fields.Boolean(required=True)
    note = fields.String(load_default="", validate=validate.Length(max=4000))


class TransitionSchema(ma.Schema):
    alert_id = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))


class ReasonsSchema(ma.Schema):
    reasons = fields.List(fields.String())
    outcomes = fields.List(fields.String())


class PolicySchema(_Strict):
    approval = fields.List(
        fields.String(validate=validate.OneOf(APPROVAL_RULES)),
        required=True,
        metadata={"description": "Outcomes that need an approver (false_positive_on_block: "
                  "a false positive on an alert whose decision was block)"},
    )  # fmt: skip


class SuppressionSchema(ma.Schema):
    suppression_id = fields.String()
    subject = fields.Dict()
    list = fields.String()
    source_id = fields.String()
    fingerprint = fields.String()
    alert_id = fields.String()
    decided_by = fields.String()
    decided_at = fields.String()
    approved_by = fields.String(allow_none=True)
    created_at = fields.String()
    expires_at = fields.String()
    revoked_at = fields.String(allow_none=True)
    revoked_by = fields.String(allow_none=True)


class SuppressionsQuerySchema(_Strict):
    all = fields.Boolean(load_default=False, metadata={"description": "Include lapsed ones"})


class SuppressionPageSchema(ma.Schema):
    items = fields.List(fields.Nested(SuppressionSchema))
