"""Countries and jurisdictions: every country a party, bank, port or goods line names.

A country text is resolved with the reference tables; an ambiguous one ("Korea") is
settled by the party's city, address or BIC when they can, and reported unresolved when
nothing can. Each item carries its sanctions tier, FATF call and grey-list flag on the
day judged, under the request's regimes. A SWIFT BIC carries its country in characters
5-6 (``BKKPKPPY`` -> KP), which reveals a bank's jurisdiction even when the client sends
no country at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from service.rules.facts.builder import Context, FactBuilder, country_label, evidence
from service.rules.request import Party

_BIC = re.compile(r"^[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")


def bic_country(bic: object) -> str | None:
    """ISO alpha-2 country from BIC characters 5-6; None when the BIC is malformed."""
    if not bic:
        return None
    match = _BIC.match(str(bic).strip().upper().replace(" ", ""))
    return match.group(1) if match else None


def party_country(ctx: Context, party: Party, text: str | None) -> tuple[str | None, bool, str]:
    """Resolve a party's country text, settling ambiguity with city, address or BIC."""
    geo = ctx.ref.geo
    res = geo.country(text)
    if res.code:
        return res.code, False, "country"
    addr = party.address
    place_code = geo.country_from_place_text(
        *(addr.city, addr.region, *addr.lines) if addr else (), *((text,) if res.ambiguous else ())
    )
    if place_code:
        return place_code, False, "city"
    bic = bic_country(party.bank.bic) if party.bank else None
    if bic and res.ambiguous:
        return bic, False, "bic"
    return None, res.ambiguous, ""


def _country_item(ctx: Context, path: str, value: Any, code: str, kind: str, **extra: Any) -> dict:
    tier, program, as_of, fatf, grey = ctx.ref.geo.standing(code, ctx.today, ctx.regimes)
    note = country_label(code)
    if tier:
        note += f", tier {tier}: {program} (as of {as_of})"
    elif grey:
        note += ", FATF increased monitoring"
    return evidence(
        path, value, note, code=code, kind=kind, tier=tier, fatf=fatf, grey=grey, **extra
    )


def any_party_country(ctx: Context, p: Party) -> str | None:
    """A party's country from whatever it gives: country, address, nationality, bank."""
    code = party_country(ctx, p, p.country or (p.address.country if p.address else None))[0]
    if code is None and p.nationality:
        code = ctx.ref.geo.country(p.nationality).code
    if code is None and p.bank:
        code = bic_country(p.bank.bic) or ctx.ref.geo.country(p.bank.country).code
    return code


@dataclass
class _Found:
    """Country items in request order, the ones nothing resolves, and whether the
    request had any country field at all (else the facts are missing, not clean)."""

    items: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    seen: bool = False

    def add(
        self, ctx: Context, path: str, value: Any, code: str | None, kind: str, **extra: Any
    ) -> None:
        if code:
            self.items.append(_country_item(ctx, path, value, code, kind, **extra))

    def ambiguous(self, path: str, value: Any, note: str) -> None:
        self.unresolved.append(evidence(path, value, note))


_AMBIGUOUS = "country is ambiguous and nothing resolves it"
_NOBODY = {"party": ""}


def add_countries(ctx: Context, b: FactBuilder) -> None:
    found = _Found()
    for i, p in enumerate(ctx.request.parties):
        _party_fields(ctx, found, i, p)
        _party_address(ctx, found, i, p)
        _party_bank(ctx, found, i, p)
    _payment_banks(ctx, found)
    _ports(ctx, found)
    _shipment(ctx, found)
    fields = ("parties[].country", "parties[].address", "payment.*_bic", "shipment.port_of_loading")
    b.put("countries", found.items, found.seen, *fields)
    b.put("unresolved_countries", found.unresolved, found.seen, *fields)
    nexus = [c for c in found.items if c["code"] in set(ctx.cfg["usd_nexus_countries"])]
    b.put("sanctioned_countries", nexus, True)
    _address_gaps(ctx, b)


def _party_fields(ctx: Context, found: _Found, i: int, p: Party) -> None:
    for key, text in (("country", p.country), ("nationality", p.nationality)):
        if not text:
            continue
        found.seen = True
        code, ambiguous, via = party_country(ctx, p, text)
        path = f"parties[{i}].{key}"
        found.add(ctx, path, text, code, "party", via=via, party=p.id, role=p.role)
        if not code and ambiguous:
            found.ambiguous(path, text, _AMBIGUOUS)


def _party_address(ctx: Context, found: _Found, i: int, p: Party) -> None:
    if not p.address:
        return
    found.seen = found.seen or bool(p.address.country or p.address.city)
    code, ambiguous, via = party_country(ctx, p, p.address.country)
    key = "country" if p.address.country else "city"
    path, shown = f"parties[{i}].address.{key}", p.address.country or p.address.city
    said = {c["code"] for c in found.items if c.get("party") == p.id and c["kind"] == "party"}
    if code in said:
        return  # the same country again: one piece of evidence is enough
    found.add(ctx, path, shown, code, "party", via=via, party=p.id, role=p.role)
    if not code and ambiguous:
        found.ambiguous(path, shown, _AMBIGUOUS)


def _party_bank(ctx: Context, found: _Found, i: int, p: Party) -> None:
    if not p.bank:
        return
    codes = (
        ("bic", bic_country(p.bank.bic)),
        ("country", ctx.ref.geo.country(p.bank.country).code),
    )
    for key, code in codes:
        found.seen = found.seen or bool(code)
        path = f"parties[{i}].bank.{key}"
        found.add(ctx, path, getattr(p.bank, key), code, "bank", party=p.id, role=p.role)


def _payment_banks(ctx: Context, found: _Found) -> None:
    pay = ctx.request.payment
    if not pay:
        return
    bics = [
        ("ordering_bank_bic", pay.ordering_bank_bic),
        ("beneficiary_bank_bic", pay.beneficiary_bank_bic),
    ]
    bics += [(f"intermediary_bics[{i}]", bic) for i, bic in enumerate(pay.intermediary_bics)]
    for key, bic in bics:
        code = bic_country(bic)
        found.seen = found.seen or bool(code)
        found.add(ctx, f"payment.{key}", bic, code, "bank", **_NOBODY, role="bank")


def _ports(ctx: Context, found: _Found) -> None:
    for path, port in ctx.ports.items():
        found.seen = True
        found.add(ctx, path, port.text, port.country, "port", **_NOBODY, role="port")
        if not port.country and port.ambiguous_country:
            found.ambiguous(path, port.text, "port country is ambiguous and the port is unknown")


def _shipment(ctx: Context, found: _Found) -> None:
    """The destination, each goods line's origin and the vessel's flag."""
    geo, s = ctx.ref.geo, ctx.request.shipment
    if s and s.destination_country:
        found.seen = True
        res = geo.country(s.destination_country)
        path = "shipment.destination_country"
        found.add(
            ctx, path, s.destination_country, res.code, "destination", **_NOBODY, role="destination"
        )
        if not res.code and res.ambiguous:
            found.ambiguous(path, s.destination_country, "ambiguous")
    for i, g in enumerate(ctx.request.goods):
        if g.origin_country:
            found.seen = True
            code = geo.country(g.origin_country).code
            path = f"goods[{i}].origin_country"
            found.add(ctx, path, g.origin_country, code, "origin", **_NOBODY, role="origin")
    if s and s.vessel and s.vessel.flag:
        found.seen = True
        code = geo.country(s.vessel.flag).code
        path = "shipment.vessel.flag"
        found.add(ctx, path, s.vessel.flag, code, "flag", **_NOBODY, role="vessel")


def _address_gaps(ctx: Context, b: FactBuilder) -> None:
    roles = set(ctx.cfg["address_roles"])
    gaps, seen = [], False
    for i, p in enumerate(ctx.request.parties):
        if p.role not in roles:
            continue
        seen = True
        addr = p.address
        has_country = bool(p.country or (addr and addr.country))
        has_city = bool(addr and addr.city)
        missing = [n for n, ok in (("country", has_country), ("city", has_city)) if not ok]
        if missing:
            gaps.append(
                evidence(
                    f"parties[{i}].address", p.name, f"{p.role} without {' or '.join(missing)}"
                )
            )
    b.put("address_gaps", gaps, seen, "parties[role=payer|payee|ordering_customer|beneficiary]")
