"""Request and response schemas of the screening API (marshmallow; unknown fields rejected).

The schemas are the API's contract and its OpenAPI document. Requests load into the
service layer's :class:`~service.screening.ScreenRequest`; responses dump the service's
:class:`~service.screening.ScreenResult` as they are, so the API adds no logic.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from service.core.model import ENTITY_TYPES, Identifier
from service.screening import DECISIONS, ScreenRequest

MAX_NAME = 512
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class StrictFloat(fields.Float):
    """A JSON number only: ``"0.5"`` is a wrong type, not a number."""

    def _validated(self, value: Any) -> Any:
        if isinstance(value, str):
            raise self.make_error("invalid")
        return super()._validated(value)


def no_control_characters(value: str) -> None:
    """Reject C0/C1 controls and lone surrogates: they are never part of a real name.

    Zero-width and other format characters (Cf) are allowed; the matcher strips them.
    """
    bad = sorted({f"U+{ord(ch):04X}" for ch in value if unicodedata.category(ch) in ("Cc", "Cs")})
    if bad:
        raise ma.ValidationError(f"Control characters are not allowed ({', '.join(bad[:5])}).")


def not_blank(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError("Must not be empty or only whitespace.")


def has_letter_or_digit(value: str) -> None:
    """A name of only punctuation or invisible characters would match nothing and so
    come back ``clear``; refuse it instead."""
    if not any(ch.isalnum() for ch in value):
        raise ma.ValidationError("Must contain at least one letter or digit.")


def partial_date(value: str) -> None:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and only real dates."""
    if not _PARTIAL_DATE.match(value):
        raise ma.ValidationError("Use YYYY, YYYY-MM or YYYY-MM-DD.")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise ma.ValidationError(f"Not a real date: {exc}.") from exc


def text_field(max_len: int, *, required: bool = False, **kwargs: Any) -> fields.String:
    """Free text of 1 to ``max_len`` characters, never blank nor with control characters;
    shared by the name and the transaction schemas so both refuse the same input."""
    return fields.String(
        required=required,
        validate=[validate.Length(min=1, max=max_len), no_control_characters, not_blank],
        **kwargs,
    )


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class IdentifierSchema(StrictSchema):
    type = text_field(64, required=True, metadata={"example": "imo"})
    value = text_field(128, required=True, metadata={"example": "9123456"})
    country = fields.String(
        # Known countries are checked by the screener against the reference tables
        # (lists/reference/), so a country the tables learn is accepted without a release.
        validate=[validate.Length(max=64), no_control_characters],
        load_default=None,
    )


class ScreenFieldsSchema(StrictSchema):
    """The name-screening fields of ``POST /v1/screen``.

    ``service.api.screening.ScreenRequestSchema`` adds the red-flag context fields
    (``service.api.transaction_schemas.CounterpartyContextSchema``); every loaded field
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
    date_of_birth = fields.String(
        validate=partial_date,
        load_default=None,
        allow_none=True,
        metadata={"description": "YYYY, YYYY-MM or YYYY-MM-DD"},
    )
    identifiers = fields.List(
        fields.Nested(IdentifierSchema), validate=validate.Length(max=20), load_default=list
    )
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
            context={k: v for k, v in data.items() if k not in _NAME_FIELDS and v not in (None, [])}
            or None,
        )


_NAME_FIELDS = frozenset(ScreenFieldsSchema._declared_fields)


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
    explanation = fields.Dict(
        metadata={"description": "How the match was scored (see docs/matching.md)"}
    )


class ReasonSchema(ma.Schema):
    """One reason (documentation only; reasons are dumped as they are, with extra keys
    such as ``list``/``source_id``/``score`` or ``jurisdiction``/``program``/``as_of``)."""

    class Meta:
        unknown = ma.INCLUDE  # documents "additionalProperties": true

    code = fields.String(
        metadata={"enum": ["name_match", "no_match", "jurisdiction", "ambiguous_country"]}
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


class ListInfoSchema(ma.Schema):
    id = fields.String(metadata={"example": "ofac_sdn"})
    version = fields.String()
    entity_count = fields.Integer()
    name_count = fields.Integer()
    loaded_at = fields.String()
    source = fields.String()
    sample = fields.Boolean()


class ListsResponseSchema(ma.Schema):
    lists = fields.List(fields.Nested(ListInfoSchema))
    errors = fields.List(
        fields.Dict(keys=fields.String(), values=fields.String()),
        metadata={"description": "[{list, error}] for lists that failed to load"},
    )


class HealthSchema(ma.Schema):
    status = fields.String(metadata={"example": "ok"})
    lists = fields.Dict(keys=fields.String(), values=fields.Nested(ListVersionSchema))
