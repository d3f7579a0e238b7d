"""Schemas of ``POST /v1/screen/transaction`` (unknown fields rejected).

A transaction is parties (with optional counterparty context and bank), relationships
between them, goods, a shipment with its vessel, and a payment. Country fields accept
free text on purpose: "Korea" or "Sevastopol, Russia" are exactly what the red-flag
rules must see, so they are not validated against ISO here. Requests load into plain
dicts of the documented shape, which :class:`service.rules.request.TransactionRequest`
reads; responses dump :class:`service.screening.TransactionResult` itself.
"""

from __future__ import annotations

import re
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from service.api.schemas.common import (
    IdentifierSchema,
    StrictFloat,
    StrictSchema,
    no_control_characters,
    partial_date,
    text_field,
)
from service.screening import DECISIONS
from service.screening.entity_types import ENTITY_TYPES

ROLES = (
    "buyer",
    "seller",
    "payer",
    "payee",
    "ordering_customer",
    "beneficiary",
    "applicant",
    "consignee",
    "shipper",
    "notify_party",
    "intermediary_bank",
    "agent",
    "end_user",
    "vessel_owner",
    "vessel_manager",
    "operator",
    "charterer",
    "insurer",
    "broker",
    "counterparty",
)
WEB_PRESENCE = ("verified", "none", "unknown")
OFFICE = ("verified", "none", "virtual", "residential", "unknown")
CLASS_STATUS = ("active", "suspended", "withdrawn", "unknown")
PARTY_TYPES = ("individual", *ENTITY_TYPES)
"""The API's words for a party's type: the matcher's four types and "individual"."""
RELATIONSHIPS = ("parent", "subsidiary", "affiliate", "agent", "factor", "documented_payer")
REGIMES = ("UN", "US", "EU", "UK")
_HS = re.compile(r"^\d{2}(?:[.\s-]?\d{1,2}){0,4}$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
_BIC = re.compile(r"^[A-Za-z]{4}[A-Za-z]{2}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$")


def _opt_text(max_len: int, **kwargs: Any) -> fields.String:
    return fields.String(
        validate=[validate.Length(max=max_len), no_control_characters],
        allow_none=True,
        **kwargs,
    )


def _one_of(values: tuple[str, ...]) -> fields.String:
    """One of ``values``, or null for "not known"."""
    return fields.String(validate=validate.OneOf(values), allow_none=True)


def _amount(**kwargs: Any) -> StrictFloat:
    return StrictFloat(allow_nan=False, validate=validate.Range(min=0), allow_none=True, **kwargs)


def _bic(**kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Regexp(_BIC, error="Not a BIC (8 or 11 characters, country in 5-6)."),
        allow_none=True,
        **kwargs,
    )


class PortField(fields.Field):
    """A port as a name ("Nampo"), a UN/LOCODE ("KPNAM") or {name, unlocode, country}."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            if not value.strip() or len(value) > 128:
                raise ma.ValidationError("Give a port name or UN/LOCODE (1-128 characters).")
            no_control_characters(value)
            return value.strip()
        if isinstance(value, dict):
            return PortSchema().load(value)
        raise ma.ValidationError("Give a port as a string or {name, unlocode, country}.")


class PortSchema(StrictSchema):
    name = _opt_text(128)
    unlocode = fields.String(
        validate=validate.Regexp(r"^[A-Za-z]{2}\s?[A-Za-z2-9]{3}$", error="Not a UN/LOCODE."),
        allow_none=True,
    )
    country = _opt_text(128)

    @ma.validates_schema
    def _something(self, data: dict, **_: Any) -> None:
        if not any(data.get(k) for k in ("name", "unlocode", "country")):
            raise ma.ValidationError("Give at least one of name, unlocode, country.")


class AddressSchema(StrictSchema):
    lines = fields.List(text_field(256), validate=validate.Length(max=10), load_default=list)
    city = _opt_text(128)
    region = _opt_text(128)
    postal_code = _opt_text(32)
    country = _opt_text(128)


class BankSchema(StrictSchema):
    bic = _bic()
    name = _opt_text(256)
    country = _opt_text(128)


class PartySchema(StrictSchema):
    id = text_field(64, required=True, metadata={"example": "buyer"})
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    name = text_field(512, required=True)
    entity_type = _one_of(PARTY_TYPES)
    country = _opt_text(128, metadata={"description": "Free text or ISO code; 'Korea' allowed"})
    nationality = _opt_text(128)
    date_of_birth = fields.String(validate=partial_date, allow_none=True)
    identifiers = fields.List(fields.Nested(IdentifierSchema), validate=validate.Length(max=20))
    address = fields.Nested(AddressSchema, allow_none=True)
    industry = _opt_text(256, metadata={"example": "Real estate management (ISIC L68)"})
    website = _opt_text(512, metadata={"description": "URL, or null for 'no website'"})
    web_presence = _one_of(WEB_PRESENCE)
    physical_office = _one_of(OFFICE)
    incorporation_date = fields.Date(allow_none=True)
    ubo_known = fields.Boolean(allow_none=True)
    ownership_layers = fields.Integer(strict=True, validate=validate.Range(0, 100), allow_none=True)
    nominee_directors = fields.Boolean(allow_none=True)
    registered_address_entity_count = fields.Integer(
        strict=True, validate=validate.Range(0, 10_000_000), allow_none=True
    )
    bank = fields.Nested(BankSchema, allow_none=True)
    customer_id = _opt_text(
        200,
        metadata={"description": "Your id of this party as a customer: a false positive "
                  "cleared for this customer (here or in /v1/screen) stays suppressed"},
    )  # fmt: skip


class RelationshipSchema(StrictSchema):
    from_ = text_field(64, required=True, data_key="from")
    to = text_field(64, required=True)
    type = fields.String(required=True, validate=validate.OneOf(RELATIONSHIPS))

    @ma.post_load
    def _shape(self, data: dict, **_: Any) -> dict:
        return {"from": data["from_"], "to": data["to"], "type": data["type"]}


class ExportControlSchema(StrictSchema):
    regime = _opt_text(64)
    entry = _opt_text(64)
    licence_ref = _opt_text(128)


class GoodsSchema(StrictSchema):
    description = _opt_text(1024)
    hs_code = fields.String(
        validate=validate.Regexp(_HS, error="HS code: 2 to 10 digits, dots allowed."),
        allow_none=True,
    )
    quantity = _amount()
    unit = _opt_text(32)
    value = _amount()
    unit_price = _amount()
    reference_unit_price = _amount()
    currency = fields.String(validate=validate.Regexp(_CURRENCY), allow_none=True)
    origin_country = _opt_text(128)
    export_control = fields.Nested(ExportControlSchema, allow_none=True)
    end_user = _opt_text(512)

    @ma.validates_schema
    def _described(self, data: dict, **_: Any) -> None:
        if not data.get("description") and not data.get("hs_code"):
            raise ma.ValidationError("Give a description or an HS code.", "description")


class FlagPeriodSchema(StrictSchema):
    flag = text_field(64, required=True)
    from_ = fields.Date(required=True, data_key="from")

    @ma.post_load
    def _shape(self, data: dict, **_: Any) -> dict:
        return {"flag": data["flag"], "from": data["from_"].isoformat()}


class PortCallSchema(StrictSchema):
    port = PortField(required=True)
    date = fields.Date(allow_none=True)

    @ma.post_load
    def _shape(self, data: dict, **_: Any) -> dict:
        day = data.get("date")
        return {"port": data["port"], "date": day.isoformat() if day else None}


class IsoTimesSchema(StrictSchema):
    """Loads to a plain dict with its dates and times as ISO text, as the rules read them."""

    @ma.post_load
    def _shape(self, data: dict, **_: Any) -> dict:
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


class AisGapSchema(IsoTimesSchema):
    start = fields.DateTime(allow_none=True)
    end = fields.DateTime(allow_none=True)
    hours = _amount()
    area = _opt_text(128)


class StsEventSchema(IsoTimesSchema):
    time = fields.DateTime(allow_none=True)
    location = _opt_text(128)
    counterparty_imo = _opt_text(16)
    night = fields.Boolean(allow_none=True)


class VesselSchema(StrictSchema):
    name = _opt_text(256)
    imo = fields.String(
        validate=validate.Regexp(r"^(IMO\s?)?\d{7}$", error="IMO: 7 digits."), allow_none=True
    )
    mmsi = fields.String(
        validate=validate.Regexp(r"^\d{9}$", error="MMSI: 9 digits."), allow_none=True
    )
    flag = _opt_text(64)
    flag_history = fields.List(fields.Nested(FlagPeriodSchema), validate=validate.Length(max=50))
    port_calls = fields.List(fields.Nested(PortCallSchema), validate=validate.Length(max=200))
    ais_gaps = fields.List(fields.Nested(AisGapSchema), validate=validate.Length(max=200))
    sts_events = fields.List(fields.Nested(StsEventSchema), validate=validate.Length(max=200))
    build_year = fields.Integer(strict=True, validate=validate.Range(1850, 2100), allow_none=True)
    pandi_insurer = _opt_text(256)
    class_society = _opt_text(256)
    class_status = _one_of(CLASS_STATUS)


class DestinationChangeSchema(StrictSchema):
    port = PortField(required=True)
    changed_at = fields.DateTime(allow_none=True)

    @ma.post_load
    def _shape(self, data: dict, **_: Any) -> dict:
        when = data.get("changed_at")
        port = data["port"] if isinstance(data["port"], str) else data["port"].get("name", "")
        return {"port": port, "changed_at": when.isoformat() if when else None}


class ShipmentSchema(StrictSchema):
    port_of_loading = PortField(allow_none=True)
    port_of_discharge = PortField(allow_none=True)
    transshipment_ports = fields.List(PortField(), validate=validate.Length(max=20))
    destination_country = _opt_text(128)
    destination_history = fields.List(
        fields.Nested(DestinationChangeSchema), validate=validate.Length(max=50)
    )
    sts_planned = fields.Boolean(allow_none=True)
    vessel = fields.Nested(VesselSchema, allow_none=True)


class PaymentSchema(IsoTimesSchema):
    amount = _amount()
    currency = fields.String(validate=validate.Regexp(_CURRENCY), allow_none=True)
    ordering_bank_bic = _bic()
    intermediary_bics = fields.List(_bic(), validate=validate.Length(max=10))
    beneficiary_bank_bic = _bic()
    purpose = _opt_text(1024)
    value_date = fields.Date(allow_none=True)
    beneficiary_changed_at = fields.DateTime(allow_none=True)
    documents_presented_at = fields.DateTime(allow_none=True)


class CounterpartyContextSchema(StrictSchema):
    """Optional red-flag context of one counterparty, for ``POST /v1/screen``.

    Inherit it (``class ScreenRequestSchema(CounterpartyContextSchema)``) and pass the
    loaded fields to :func:`service.rules.counterparty.evaluate_counterparty`.
    """

    address = fields.Nested(AddressSchema, allow_none=True)
    industry = _opt_text(256)
    website = _opt_text(512)
    web_presence = _one_of(WEB_PRESENCE)
    physical_office = _one_of(OFFICE)
    incorporation_date = fields.Date(allow_none=True)
    goods = fields.List(fields.Nested(GoodsSchema), validate=validate.Length(max=100))


CONTEXT_FIELDS = tuple(CounterpartyContextSchema._declared_fields)
"""Names of the context fields, to pick them out of a loaded ``/v1/screen`` body."""


class TransactionRequestSchema(StrictSchema):
    """A payment or trade to screen: parties by name plus red-flag rules."""

    request_id = _opt_text(128)
    as_of = fields.Date(
        allow_none=True,
        metadata={"description": "Judge the transaction on this date (default today)"},
    )
    regimes = fields.List(
        fields.String(validate=validate.OneOf(REGIMES)), validate=validate.Length(min=1, max=4)
    )
    lists = fields.List(text_field(64), validate=validate.Length(min=1, max=20), allow_none=True)
    parties = fields.List(
        fields.Nested(PartySchema), required=True, validate=validate.Length(min=1, max=200)
    )
    relationships = fields.List(
        fields.Nested(RelationshipSchema), validate=validate.Length(max=500)
    )
    goods = fields.List(fields.Nested(GoodsSchema), validate=validate.Length(max=500))
    shipment = fields.Nested(ShipmentSchema, allow_none=True)
    payment = fields.Nested(PaymentSchema, allow_none=True)

    @ma.validates_schema
    def _party_references(self, data: dict, **_: Any) -> None:
        ids = [p["id"] for p in data.get("parties") or ()]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ma.ValidationError(f"Party ids must be unique: {dupes}.", "parties")
        for i, rel in enumerate(data.get("relationships") or ()):
            for end in ("from", "to"):
                if rel[end] not in ids:
                    raise ma.ValidationError(
                        {str(i): {end: [f"Unknown party id {rel[end]!r}."]}}, "relationships"
                    )


# --- responses ----------------------------------------------------------------------------


class Score(fields.Float):
    """A match score as the transaction answer states it: rounded to four decimals."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return super()._serialize(round(float(value), 4), attr, obj, **kwargs)


class MatchOutSchema(ma.Schema):
    """One match (``service.screening.targets.TargetedMatch``): the listed entry, the name
    that matched, and the target it is a listing of."""

    list = fields.String(attribute="entity.list")
    source_id = fields.String(attribute="entity.source_id")
    name = fields.String(attribute="entity.name")
    matched_name = fields.String()
    entity_type = fields.String(attribute="entity.entity_type")
    score = Score()
    programs = fields.List(fields.String(), attribute="entity.programs")
    countries = fields.List(fields.String(), attribute="entity.countries")
    target_id = fields.String(
        metadata={
            "description": "The listed party: the same for its listings on other lists "
            "(as in /v1/screen)",
            "example": "T-3f1c0a9b7e2d",
        }
    )
    suppressed = fields.Dict(
        metadata={"description": "Present when this party's match was cleared as a false "
                  "positive for this party: suppression_id, alert_id, decided_by, decided_at, "
                  "approved_by, expires_at. Neither the party's decision nor the rules count it."}
    )  # fmt: skip


class PartyOutSchema(ma.Schema):
    id = fields.String()
    role = fields.String()
    decision = fields.String(validate=validate.OneOf(DECISIONS))
    matches = fields.List(fields.Nested(MatchOutSchema))


class VesselOutSchema(ma.Schema):
    matches = fields.List(fields.Nested(MatchOutSchema))


class EvidenceSchema(ma.Schema):
    path = fields.String(metadata={"description": "Request path, e.g. parties[2].nationality"})
    value = fields.Raw(metadata={"description": "The value found there"})
    note = fields.String()


class RuleHitSchema(ma.Schema):
    rule_id = fields.String(metadata={"example": "JUR-01"})
    title = fields.String()
    severity = fields.String(validate=validate.OneOf(("block", "review", "info")))
    weight = fields.Integer()
    explanation = fields.String(metadata={"description": "Quotes the values that triggered it"})
    evidence = fields.List(fields.Nested(EvidenceSchema))
    sources = fields.List(fields.String())


class NotEvaluatedSchema(ma.Schema):
    rule_id = fields.String()
    title = fields.String()
    missing_fields = fields.List(fields.String())


class VersionsSchema(ma.Schema):
    lists = fields.Dict(keys=fields.String(), values=fields.Dict())
    ruleset = fields.String()
    reference = fields.Dict()


class TransactionResponseSchema(ma.Schema):
    """Dumps a :class:`service.screening.TransactionResult` as is: the one serialisation
    of a transaction answer."""

    screening_id = fields.String()
    request_id = fields.String(allow_none=True)
    decision = fields.String(validate=validate.OneOf(DECISIONS))
    risk_score = fields.Integer(metadata={"description": "0-100; 100 for block"})
    priority = fields.String(validate=validate.OneOf(("low", "medium", "high")))
    parties = fields.List(fields.Nested(PartyOutSchema))
    vessel = fields.Nested(VesselOutSchema)
    rule_hits = fields.List(fields.Nested(RuleHitSchema), attribute="outcome.hits")
    not_evaluated = fields.List(
        fields.Nested(NotEvaluatedSchema), attribute="outcome.not_evaluated"
    )
    suppressed = fields.List(
        fields.Dict(),
        metadata={"description": "The party matches the decision ignored: party, list, "
                  "source_id, and the suppression (suppression_id, alert_id, decided_by, "
                  "decided_at, approved_by, expires_at)"},
    )  # fmt: skip
    versions = fields.Nested(VersionsSchema)
    screened_at = fields.String()
