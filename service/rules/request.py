"""The transaction a client asks us to screen, as typed, immutable values.

The HTTP layer validates JSON with marshmallow and hands a plain dict to
:func:`TransactionRequest.from_dict`; tests and batch jobs may build the dataclasses
directly. Every rule reads from here, and every piece of evidence names the request
path it came from (``parties[2].address.city``), so the dict shape is kept 1:1.
Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]


def _t(values: Any) -> tuple:
    return tuple(values or ())


@dataclass(frozen=True, slots=True)
class PartyAddress:
    lines: tuple[str, ...] = ()
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None

    @classmethod
    def from_dict(cls, data: Json | None) -> PartyAddress | None:
        if data is None:
            return None
        return cls(
            lines=_t(data.get("lines")),
            city=data.get("city"),
            region=data.get("region"),
            postal_code=data.get("postal_code"),
            country=data.get("country"),
        )


@dataclass(frozen=True, slots=True)
class Bank:
    bic: str | None = None
    name: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """One party to the transaction, with the counterparty context rules can use."""

    id: str
    role: str
    name: str
    entity_type: str | None = None
    country: str | None = None
    nationality: str | None = None
    date_of_birth: str | None = None
    identifiers: tuple[Json, ...] = ()
    address: PartyAddress | None = None
    industry: str | None = None
    website: str | None = None
    has_website_field: bool = False
    """``website: null`` (stated: no website) differs from the field being absent."""
    web_presence: str | None = None
    physical_office: str | None = None
    incorporation_date: str | None = None
    ubo_known: bool | None = None
    ownership_layers: int | None = None
    nominee_directors: bool | None = None
    registered_address_entity_count: int | None = None
    bank: Bank | None = None
    customer_id: str | None = None
    """The caller's own id of this party: what its alerts and suppressions are keyed by."""

    @classmethod
    def from_dict(cls, data: Json) -> Party:
        bank = data.get("bank")
        return cls(
            id=str(data["id"]),
            role=str(data.get("role") or "party"),
            name=str(data.get("name") or ""),
            entity_type=data.get("entity_type"),
            country=data.get("country"),
            nationality=data.get("nationality"),
            date_of_birth=data.get("date_of_birth"),
            identifiers=_t(data.get("identifiers")),
            address=PartyAddress.from_dict(data.get("address")),
            industry=data.get("industry"),
            website=data.get("website"),
            has_website_field="website" in data,
            web_presence=data.get("web_presence"),
            physical_office=data.get("physical_office"),
            incorporation_date=_iso(data.get("incorporation_date")),
            ubo_known=data.get("ubo_known"),
            ownership_layers=data.get("ownership_layers"),
            nominee_directors=data.get("nominee_directors"),
            registered_address_entity_count=data.get("registered_address_entity_count"),
            bank=Bank(bank.get("bic"), bank.get("name"), bank.get("country")) if bank else None,
            customer_id=data.get("customer_id"),
        )


@dataclass(frozen=True, slots=True)
class Relationship:
    source: str
    target: str
    type: str


@dataclass(frozen=True, slots=True)
class Goods:
    description: str | None = None
    hs_code: str | None = None
    quantity: float | None = None
    unit: str | None = None
    value: float | None = None
    currency: str | None = None
    origin_country: str | None = None
    export_control: Json | None = None
    """{regime, entry, licence_ref} when the client has a control-list classification."""
    end_user: str | None = None
    unit_price: float | None = None
    reference_unit_price: float | None = None
    """The client's market reference for this HS code, unit and period (same currency)."""

    @classmethod
    def from_dict(cls, data: Json) -> Goods:
        return cls(
            description=data.get("description"),
            hs_code=None if data.get("hs_code") is None else str(data["hs_code"]),
            quantity=data.get("quantity"),
            unit=data.get("unit"),
            value=data.get("value"),
            currency=data.get("currency"),
            origin_country=data.get("origin_country"),
            export_control=data.get("export_control"),
            end_user=data.get("end_user"),
            unit_price=data.get("unit_price"),
            reference_unit_price=data.get("reference_unit_price"),
        )


@dataclass(frozen=True, slots=True)
class Vessel:
    name: str | None = None
    imo: str | None = None
    mmsi: str | None = None
    flag: str | None = None
    flag_history: tuple[Json, ...] | None = None
    port_calls: tuple[Json, ...] | None = None
    ais_gaps: tuple[Json, ...] | None = None
    sts_events: tuple[Json, ...] | None = None
    build_year: int | None = None
    pandi_insurer: str | None = None
    class_society: str | None = None
    class_status: str | None = None

    @classmethod
    def from_dict(cls, data: Json | None) -> Vessel | None:
        if data is None:
            return None
        return cls(
            name=data.get("name"),
            imo=None if data.get("imo") is None else str(data["imo"]),
            mmsi=None if data.get("mmsi") is None else str(data["mmsi"]),
            flag=data.get("flag"),
            flag_history=_opt(data.get("flag_history")),
            port_calls=_opt(data.get("port_calls")),
            ais_gaps=_opt(data.get("ais_gaps")),
            sts_events=_opt(data.get("sts_events")),
            build_year=data.get("build_year"),
            pandi_insurer=data.get("pandi_insurer"),
            class_society=data.get("class_society"),
            class_status=data.get("class_status"),
        )


@dataclass(frozen=True, slots=True)
class Shipment:
    port_of_loading: Any = None
    port_of_discharge: Any = None
    transshipment_ports: tuple[Any, ...] | None = None
    destination_country: str | None = None
    destination_history: tuple[Json, ...] | None = None
    sts_planned: bool | None = None
    vessel: Vessel | None = None

    @classmethod
    def from_dict(cls, data: Json | None) -> Shipment | None:
        if data is None:
            return None
        return cls(
            port_of_loading=data.get("port_of_loading"),
            port_of_discharge=data.get("port_of_discharge"),
            transshipment_ports=_opt(data.get("transshipment_ports")),
            destination_country=data.get("destination_country"),
            destination_history=_opt(data.get("destination_history")),
            sts_planned=data.get("sts_planned"),
            vessel=Vessel.from_dict(data.get("vessel")),
        )


@dataclass(frozen=True, slots=True)
class Payment:
    amount: float | None = None
    currency: str | None = None
    ordering_bank_bic: str | None = None
    intermediary_bics: tuple[str, ...] = ()
    beneficiary_bank_bic: str | None = None
    purpose: str | None = None
    value_date: str | None = None
    """Settlement date, ISO."""
    beneficiary_changed_at: str | None = None
    """When the beneficiary or its account last changed, ISO date or date-time."""
    documents_presented_at: str | None = None

    @classmethod
    def from_dict(cls, data: Json | None) -> Payment | None:
        if data is None:
            return None
        return cls(
            amount=data.get("amount"),
            currency=(data.get("currency") or None) and str(data["currency"]).upper(),
            ordering_bank_bic=data.get("ordering_bank_bic"),
            intermediary_bics=_t(data.get("intermediary_bics")),
            beneficiary_bank_bic=data.get("beneficiary_bank_bic"),
            purpose=data.get("purpose"),
            value_date=data.get("value_date"),
            beneficiary_changed_at=data.get("beneficiary_changed_at"),
            documents_presented_at=data.get("documents_presented_at"),
        )


@dataclass(frozen=True, slots=True)
class TransactionRequest:
    parties: tuple[Party, ...]
    relationships: tuple[Relationship, ...] = ()
    goods: tuple[Goods, ...] = ()
    shipment: Shipment | None = None
    payment: Payment | None = None
    as_of: str | None = None
    """ISO date the transaction is judged on (program status changes); default today."""
    regimes: tuple[str, ...] | None = None
    """UN | US | EU | UK; None means the rule set's default."""
    request_id: str | None = None
    lists: tuple[str, ...] | None = None
    extra: Json = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Json) -> TransactionRequest:
        return cls(
            parties=tuple(Party.from_dict(p) for p in data.get("parties") or ()),
            relationships=tuple(
                Relationship(str(r["from"]), str(r["to"]), str(r["type"]))
                for r in data.get("relationships") or ()
            ),
            goods=tuple(Goods.from_dict(g) for g in data.get("goods") or ()),
            shipment=Shipment.from_dict(data.get("shipment")),
            payment=Payment.from_dict(data.get("payment")),
            as_of=_iso(data.get("as_of")),
            regimes=tuple(data["regimes"]) if data.get("regimes") else None,
            request_id=data.get("request_id"),
            lists=tuple(data["lists"]) if data.get("lists") else None,
        )


def _opt(values: Any) -> tuple | None:
    return None if values is None else tuple(values)


def _iso(value: Any) -> str | None:
    """Dates may arrive as ``date`` objects from marshmallow or as ISO strings."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
