"""A payment message transaction as the red-flag rules see it: the ``/v1/screen/transaction``
request it amounts to (parties by role, the agents' BICs as the route, the goods and
vessels its free text names), with the bank's own knowledge of its customers merged in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from service.payments import (
    Party,
    TextHit,
    Transaction,
)
from service.screening.payment_subject import party_country

CUSTOMER_ROLES = {
    "debtor": ("payer", "payer"),
    "ultimate_debtor": ("ultimate_debtor", "ultimate_debtor"),
    "creditor": ("payee", "seller"),
    "ultimate_creditor": ("beneficiary", "beneficiary"),
    "initiating_party": ("initiating_party", "initiating_party"),
}
"""Message role -> the role the red-flag rules know, (for any payment, for a trade
payment). The debtor pays; when the text names goods the payment is for a trade and the
creditor is the seller. An ultimate debtor is only on whose behalf the debtor pays (a
parent, a payment factory): the message does not say it bought the goods, so it is the
buyer only when the bank says so (``context["ultimate_debtor"]["role"] = "buyer"``);
otherwise the third-party-payer rule would fire on every payment made on behalf."""


def transaction_request(
    tx: Transaction,
    text_hits: list[tuple[str, str, TextHit]],
    context: Mapping[str, Any],
    day: date,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The JSON transaction (``/v1/screen/transaction`` shape) a message amounts to, and
    which message field each of its paths came from (for the rules' evidence)."""
    paths: dict[str, str] = {}
    by_role = {p.role: p for p in tx.parties}
    customer = {
        r[len("underlying_") :]: p for r, p in by_role.items() if r.startswith("underlying_")
    }
    if not customer:
        customer = {r: p for r, p in by_role.items() if not p.agent}
    parties = []
    trade = any(hit.term.kind == "goods" for _, _, hit in text_hits)
    for role, (plain, traded) in CUSTOMER_ROLES.items():
        party = customer.get(role)
        if party is None or party.agent or party.name is None:
            continue
        rule_role = traded if trade else plain
        entry: dict[str, Any] = {"id": role, "role": rule_role, "name": party.name.text}
        country = party_country(party)
        if country:
            entry["country"] = country
        lines = [v.text for v in party.address_lines]
        if lines or party.town or party.country:
            entry["address"] = {
                "lines": lines,
                **({"city": party.town.text} if party.town else {}),
                **({"country": party.country.text} if party.country else {}),
            }
        ids = [{"type": i.type, "value": i.value} for i in party.identifiers if i.type != "iban"]
        if ids:
            entry["identifiers"] = ids
        entry.update(context.get(role, {}))  # type: ignore[arg-type]
        paths[f"parties[{len(parties)}]"] = party.name.field
        parties.append(entry)
    agents = {r.removeprefix("underlying_"): p for r, p in by_role.items() if p.agent}
    ordering = _bic(agents.get("debtor_agent"))
    beneficiary = _bic(agents.get("creditor_agent"))
    bic_fields = {p.bic.value: p.bic.field for p in tx.parties if p.bic is not None}
    route = [
        b
        for r, p in by_role.items()
        if p.agent
        and r.removeprefix("underlying_") not in ("debtor_agent", "creditor_agent")
        and (b := _bic(p))
    ]
    payment: dict[str, Any] = {
        "amount": float(tx.amount) if tx.amount is not None else None,
        "currency": tx.currency,
        "intermediary_bics": list(
            dict.fromkeys(b for b in route if b not in (ordering, beneficiary))
        ),
        "purpose": " / ".join(t.text for t in tx.texts if t.kind in ("remittance", "purpose"))
        or None,
    }
    for i, b in enumerate(payment["intermediary_bics"]):
        paths[f"payment.intermediary_bics[{i}]"] = bic_fields[b]
    if ordering:
        payment["ordering_bank_bic"] = ordering
        paths["payment.ordering_bank_bic"] = bic_fields[ordering]
    if beneficiary:
        payment["beneficiary_bank_bic"] = beneficiary
        paths["payment.beneficiary_bank_bic"] = bic_fields[beneficiary]
    texts = [t for t in tx.texts if t.kind in ("remittance", "purpose")]
    if texts:
        paths["payment.purpose"] = texts[0].field
    for where, _, hit in text_hits:
        if hit.term.kind == "goods":
            paths.setdefault("goods", where)
        elif hit.term.kind in ("place", "vessel", "imo"):
            paths.setdefault("shipment", where)
    if tx.settlement_date:
        payment["value_date"] = tx.settlement_date
    request: dict[str, Any] = {"as_of": day.isoformat(), "parties": parties, "payment": payment}
    ids = {p["id"] for p in parties}
    links = [r for r in context.get("relationships", ()) if {r.get("from"), r.get("to")} <= ids]
    if links:
        request["relationships"] = links
    goods = _goods(tx, text_hits)
    if goods:
        request["goods"] = goods
    shipment = _shipment(text_hits)
    if shipment:
        request["shipment"] = shipment
    return request, paths


def _goods(tx: Transaction, text_hits: list[tuple[str, str, TextHit]]) -> list[dict[str, Any]]:
    """One goods line per restricted category the text names, for the whole amount (the
    message does not say how it splits)."""
    seen: dict[str, dict[str, Any]] = {}
    for _, _, hit in text_hits:
        if hit.term.kind == "goods" and hit.term.key not in seen:
            seen[hit.term.key] = {
                "description": hit.found,
                "value": float(tx.amount) if tx.amount is not None else None,
                "currency": tx.currency,
            }
    return list(seen.values())


_FROM = re.compile(r"\b(?:EX|FROM|LOADING|LOADED|POL)\W+$", re.IGNORECASE)
_TO = re.compile(r"\b(?:TO|DISCHARGE|DISCHARGING|POD|DEST(?:INATION)?)\W+$", re.IGNORECASE)


def _shipment(text_hits: list[tuple[str, str, TextHit]]) -> dict[str, Any]:
    """Ports and vessel named in the text: a place after FROM/EX is the loading port, after
    TO the discharge port, any other a port the voyage touches."""
    out: dict[str, Any] = {}
    via = []
    vessel: dict[str, Any] = {}
    for _, text, hit in text_hits:
        kind = hit.term.kind
        if kind == "place":
            before = text[max(0, hit.start - 16) : hit.start]
            name = hit.term.key
            if _FROM.search(before) and "port_of_loading" not in out:
                out["port_of_loading"] = name
            elif _TO.search(before) and "port_of_discharge" not in out:
                out["port_of_discharge"] = name
            else:
                via.append(name)
        elif kind == "vessel" and "name" not in vessel:
            vessel["name"] = hit.found
        elif kind == "imo" and "imo" not in vessel:
            vessel["imo"] = hit.term.text.removeprefix("IMO ")
    if via:
        out["transshipment_ports"] = list(dict.fromkeys(via))
    if vessel:
        out["vessel"] = vessel
    return out


def _bic(party: Party | None) -> str | None:
    bic = party.bic if party is not None else None
    return bic.value if bic is not None else None
