"""Schemas of ``POST /v1/screen/payment``.

The message itself arrives as sent (``application/xml`` for ISO 20022, ``text/plain``
for SWIFT FIN), or wrapped in JSON with its format and, optionally, what the bank knows
of the parties (``context``) and the day to judge on (``as_of``). The response dumps
:meth:`service.screening.payment.PaymentResult.to_dict`.
"""

from __future__ import annotations

from marshmallow import fields, validate

from service.api.schemas.common import StrictSchema
from service.payments.parse import FORMATS
from service.screening import DECISIONS

ACTIONS = ("release", "hold")
HIT_KINDS = ("name", "bic", "country", "place", "vessel", "goods", "rule")


class PaymentJsonRequestSchema(StrictSchema):
    format = fields.String(
        required=True,
        validate=validate.OneOf(sorted(FORMATS)),
        metadata={"description": "iso20022 (xml, mx) or swift_mt (mt, fin)"},
    )
    message = fields.String(
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "The message as sent: ISO 20022 XML or a FIN message."},
    )
    context = fields.Dict(
        keys=fields.String(),
        load_default=dict,
        metadata={
            "description": "What the bank knows of the parties, by message role (debtor, "
            "ultimate_debtor, creditor ...): industry, web_presence, physical_office, "
            "incorporation_date, nationality, entity_type, and role (e.g. buyer) for the "
            "red-flag rules; relationships: [{from, to, type}] between roles."
        },
    )
    as_of = fields.Date(
        load_default=None, metadata={"description": "Day the rules judge on (default today)."}
    )


class PaymentHitSchema(StrictSchema):
    transaction = fields.Integer(metadata={"description": "1-based transaction index"})
    field = fields.String(
        metadata={"description": "ISO element path (CdtTrfTxInf/Cdtr/Nm) or MT tag (:59F:)"}
    )
    value = fields.String()
    kind = fields.String(validate=validate.OneOf(HIT_KINDS))
    decision = fields.String(validate=validate.OneOf(DECISIONS))
    offsets = fields.List(
        fields.Integer(), metadata={"description": "[start, end) in value's field, free text"}
    )
    match = fields.Dict(
        metadata={
            "description": "list, source_id, score, explanation, target_id; suppressed "
            "(suppression_id, alert_id, decided_by, decided_at, approved_by, expires_at) when "
            "a party's match was cleared as a false positive for that party"
        }
    )
    rule = fields.Dict(metadata={"description": "the rule or jurisdiction reason that fired"})


class PaymentTransactionSchema(StrictSchema):
    index = fields.Integer()
    field = fields.String()
    end_to_end_id = fields.String(allow_none=True)
    uetr = fields.String(allow_none=True)
    amount = fields.String(allow_none=True)
    currency = fields.String(allow_none=True)
    decision = fields.String(validate=validate.OneOf(DECISIONS))
    action = fields.String(validate=validate.OneOf(ACTIONS))
    risk_score = fields.Integer()
    hits = fields.List(fields.Nested(PaymentHitSchema))
    rules = fields.Dict()
    suppressed = fields.List(
        fields.Dict(),
        metadata={"description": "The party matches the decision ignored: party (message "
                  "role), list, source_id, and the suppression (suppression_id, alert_id, "
                  "decided_by, decided_at, approved_by, expires_at)"},
    )  # fmt: skip


class PaymentMessageSchema(StrictSchema):
    format = fields.String()
    type = fields.String(metadata={"description": "pacs.008, pacs.009, pain.001, MT103 ..."})
    version = fields.String(allow_none=True)
    variant = fields.String(allow_none=True)
    message_id = fields.String(allow_none=True)
    transactions = fields.Integer()


class PaymentResponseSchema(StrictSchema):
    screening_id = fields.String()
    decision = fields.String(validate=validate.OneOf(DECISIONS))
    action = fields.String(validate=validate.OneOf(ACTIONS))
    message = fields.Nested(PaymentMessageSchema)
    transactions = fields.List(fields.Nested(PaymentTransactionSchema))
    hits = fields.List(fields.Nested(PaymentHitSchema))
    suppressed = fields.List(
        fields.Dict(),
        metadata={"description": "The party matches the decision ignored: transaction, "
                  "party (message role), list, source_id, and the suppression (suppression_id, "
                  "alert_id, "
                  "decided_by, decided_at, approved_by, expires_at)"},
    )  # fmt: skip
    versions = fields.Dict()
    screened_at = fields.String()
