"""Schemas of ``POST /v1/screen`` (marshmallow; unknown fields rejected).

The schemas are the API's contract and its OpenAPI document. Requests load into the
service layer's :class:`~service.screening.ScreenRequest`; responses dump the service's
:class:`~service.screening.ScreenResult` as they are, so the API adds no logic.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from service.alerts.subject import fingerprint as entry_fingerprint
from service.api.schemas.common import (
    MAX_NAME,
    StrictFloat,
    StrictSchema,
    date_of_birth_field,
    has_letter_or_digit,
    identifiers_field,
    no_control_characters,
    not_blank,
    text_field,
)
from service.api.schemas.transaction import CounterpartyContextSchema
from service.core.model import ENTITY_TYPES, Identifier
from service.screening import DECISIONS, ScreenRequest


class ScreenFieldsSchema(StrictSchema):
    """The name-screening fields of ``POST /v1/screen``.

    ``ScreenRequestSchema`` adds the red-flag context fields
    (``service.api.schemas.transaction.CounterpartyContextSchema``); every loaded field
    not declared here is passed on as ``ScreenRequest.context``.
    """

    name = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_NAME),
            no_control_characters,
            not_blank,
            has_letter_or_digit,
        ],
        metadata={"description": "Name as given (1-512 characters)", "example": "BANCO NACIONAL"},
    )
    entity_type = fields.String(
        validate=validate.OneOf(ENTITY_TYPES), load_default=None, allow_none=True
    )
    country = fields.String(
        validate=[validate.Length(max=128), no_control_characters],
        load_default=None,
        allow_none=True,
        metadata={
            "description": "ISO 3166 alpha-2 code or a country name (several languages), or a "
            "sanctioned region; checked against lists/reference/ (400 when unknown)",
            "example": "SG",
        },
    )
    date_of_birth = date_of_birth_field()
    identifiers = identifiers_field()
    lists = fields.List(
        text_field(64),
        validate=validate.Length(min=1, max=20),
        load_default=None,
        allow_none=True,
        metadata={"description": "Screen only these loaded list ids (see GET /v1/lists)"},
    )
    threshold = StrictFloat(
        allow_nan=False,
        validate=validate.Range(0.0, 1.0),
        load_default=None,
        allow_none=True,
        metadata={"description": "Lowest score returned (0-1); decisive matches always are"},
    )
    as_of = fields.Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Date the jurisdiction tiers apply on (default today)"},
    )
    customer_id = fields.String(
        validate=[validate.Length(min=1, max=200), no_control_characters],
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Your id of this customer: alerts and suppressions of cleared "
            "false positives follow it (else the name, type, date of birth and country)"
        },
    )

    @ma.post_load
    def make_request(self, data: dict, **_: Any) -> ScreenRequest:
        country = data["country"]
        return ScreenRequest(
            name=data["name"].strip(),
            entity_type=data["entity_type"],
            country=country.strip() if country and country.strip() else None,
            date_of_birth=data["date_of_birth"],
            identifiers=tuple(
                Identifier(
                    type=i["type"].strip().lower(), value=i["value"].strip(), country=i["country"]
                )
                for i in data["identifiers"]
            ),
            lists=tuple(data["lists"]) if data["lists"] is not None else None,
            threshold=data["threshold"],
            as_of=data["as_of"].isoformat() if data["as_of"] else None,
            customer_id=data["customer_id"],
            context={k: v for k, v in data.items() if k not in _NAME_FIELDS and v not in (None, [])}
            or None,
        )


_NAME_FIELDS = frozenset(ScreenFieldsSchema._declared_fields)


class ScreenRequestSchema(CounterpartyContextSchema, ScreenFieldsSchema):
    """One counterparty: name fields, plus optional context that runs the red-flag rules."""


class MatchSchema(ma.Schema):
    """One listed entity that matched (dumped from ``service.core.query.Match``)."""

    list = fields.String(attribute="entity.list", metadata={"example": "ofac_sdn"})
    source_id = fields.String(attribute="entity.source_id", metadata={"example": "306"})
    name = fields.String(attribute="entity.name", metadata={"description": "Primary name"})
    matched_name = fields.String(metadata={"description": "The list string that matched"})
    score = fields.Float(metadata={"description": "Calibrated score, 0-1"})
    ofac_score = fields.Float(metadata={"description": "OFAC Sanctions List Search-like score"})
    entity_type = fields.String(attribute="entity.entity_type")
    programs = fields.List(fields.String(), attribute="entity.programs")
    countries = fields.List(fields.String(), attribute="entity.countries")
    fingerprint = fields.Function(
        lambda m: entry_fingerprint(m.entity),
        metadata={"description": "What the list entry says (names, dates of birth, "
                  "identifiers, countries, programmes), hashed: a change lapses a suppression"},
    )  # fmt: skip
    suppressed = fields.Dict(
        metadata={
            "description": "Present when this match was cleared as a false positive for this "
            "subject: suppression_id, alert_id, decided_by, decided_at, approved_by, expires_at. "
            "The decision ignores it."
        }
    )
    explanation = fields.Dict(
        metadata={"description": "How the match was scored (see docs/matching.md)"}
    )
    target_id = fields.String(
        metadata={
            "description": "The listed party: the same for its listings on other lists",
            "example": "T-3f1c0a9b7e2d",
        }
    )
    sanctions = fields.List(
        fields.String(),
        attribute="entity.sanctions",
        metadata={"description": "Measures imposed, as the publisher names them"},
    )
    listed_on = fields.String(
        attribute="entity.listed_on",
        allow_none=True,
        metadata={"description": "Date the publisher designated the entity, where it says"},
    )


class TargetListingSchema(ma.Schema):
    """One listing of a target."""

    list = fields.String(metadata={"example": "un"})
    source_id = fields.String(metadata={"example": "QDi.006"})
    name = fields.String()
    score = fields.Float(
        allow_none=True, metadata={"description": "This listing's score; null: not matched"}
    )
    matched_name = fields.String(metadata={"description": "On the best listing only"})


class TargetSchema(ma.Schema):
    """One matched party with every listing of it across the loaded lists."""

    target_id = fields.String()
    best = fields.Nested(TargetListingSchema, metadata={"description": "Its best match"})
    listings = fields.List(fields.Nested(TargetListingSchema))
    linked_by = fields.List(
        fields.String(),
        metadata={"description": "Shared keys that linked the listings (ref:un:QDi.006 ...)"},
    )


class ReasonSchema(ma.Schema):
    """One reason (documentation only; reasons are dumped as they are, with extra keys
    such as ``list``/``source_id``/``score`` or ``jurisdiction``/``program``/``as_of``)."""

    class Meta:
        unknown = ma.INCLUDE  # documents "additionalProperties": true

    code = fields.String(
        metadata={
            "enum": [
                "name_match",
                "no_match",
                "jurisdiction",
                "ambiguous_country",
                "red_flags",
                "hidden_characters",
            ]
        }
    )
    decision = fields.String(validate=validate.OneOf(DECISIONS))
    message = fields.String(metadata={"description": "The reason in words"})


class ListVersionSchema(ma.Schema):
    version = fields.String()
    sample = fields.Boolean(metadata={"description": "True for our bundled sample list"})


class ScreenResponseSchema(ma.Schema):
    screening_id = fields.String()
    decision = fields.String(validate=validate.OneOf(DECISIONS))
    matches = fields.List(fields.Nested(MatchSchema))
    targets = fields.List(
        fields.Nested(TargetSchema),
        metadata={"description": "Matched parties, best first, each with all its listings"},
    )
    reasons = fields.List(
        fields.Dict(metadata={"allOf": [{"$ref": "#/components/schemas/Reason"}]}),
        metadata={"description": "Why the decision: the most severe reason decides"},
    )
    lists = fields.Dict(
        metadata={
            "description": "List id -> {version, sample} of every list screened",
            "additionalProperties": {"$ref": "#/components/schemas/ListVersion"},
        }
    )
    screened_at = fields.String(metadata={"description": "ISO 8601 UTC"})
    red_flags = fields.Dict(
        allow_none=True,
        metadata={
            "description": "Red-flag rule outcome (decision, risk_score, priority, rule_hits, "
            "not_evaluated, ruleset) when counterparty context was given, else null"
        },
    )
    versions = fields.Dict(
        metadata={
            "description": "{reference: {version, tables}, ruleset}: the reference tables the "
            "country check used, and the rule set version when the red-flag rules ran (else "
            "null), as /v1/screen/transaction reports them"
        }
    )
