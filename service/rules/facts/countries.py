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


def add_countries(ctx: Context, b: FactBuilder) -> None:
    req, geo = ctx.request, ctx.ref.geo
    items: list[dict] = []
    unresolved: list[dict] = []
    seen_fields = False
    for i, p in enumerate(req.parties):
        base = f"parties[{i}]"
        who = {"party": p.id, "role": p.role}
        for key, text in (("country", p.country), ("nationality", p.nationality)):
            if not text:
                continue
            seen_fields = True
            code, ambiguous, via = party_country(ctx, p, text)
            if code:
                items.append(
                    _country_item(ctx, f"{base}.{key}", text, code, "party", via=via, **who)
                )
            elif ambiguous:
                unresolved.append(
                    evidence(f"{base}.{key}", text, "country is ambiguous and nothing resolves it")
                )
        if p.address:
            seen_fields = seen_fields or bool(p.address.country or p.address.city)
            code, ambiguous, via = party_country(ctx, p, p.address.country)
            path = f"{base}.address.country" if p.address.country else f"{base}.address.city"
            shown = p.address.country or p.address.city
            said = {i["code"] for i in items if i.get("party") == p.id and i["kind"] == "party"}
            if code in said:
                code = None  # the same country again: one piece of evidence is enough
            elif code:
                items.append(_country_item(ctx, path, shown, code, "party", via=via, **who))
            elif ambiguous:
                unresolved.append(
                    evidence(path, shown, "country is ambiguous and nothing resolves it")
                )
        if p.bank:
            for key, code in (
                ("bic", bic_country(p.bank.bic)),
                ("country", geo.country(p.bank.country).code),
            ):
                value = getattr(p.bank, key)
                if code:
                    seen_fields = True
                    items.append(
                        _country_item(ctx, f"{base}.bank.{key}", value, code, "bank", **who)
                    )
    pay = req.payment
    if pay:
        bics = [
            ("ordering_bank_bic", pay.ordering_bank_bic),
            ("beneficiary_bank_bic", pay.beneficiary_bank_bic),
        ]
        bics += [(f"intermediary_bics[{i}]", b_) for i, b_ in enumerate(pay.intermediary_bics)]
        for key, bic in bics:
            code = bic_country(bic)
            if code:
                seen_fields = True
                items.append(
                    _country_item(ctx, f"payment.{key}", bic, code, "bank", party="", role="bank")
                )
    for path, port in ctx.ports.items():
        seen_fields = True
        if port.country:
            items.append(
                _country_item(ctx, path, port.text, port.country, "port", party="", role="port")
            )
        elif port.ambiguous_country:
            unresolved.append(
                evidence(path, port.text, "port country is ambiguous and the port is unknown")
            )
    s = req.shipment
    if s and s.destination_country:
        seen_fields = True
        res = geo.country(s.destination_country)
        if res.code:
            items.append(
                _country_item(
                    ctx,
                    "shipment.destination_country",
                    s.destination_country,
                    res.code,
                    "destination",
                    party="",
                    role="destination",
                )
            )
        elif res.ambiguous:
            unresolved.append(
                evidence("shipment.destination_country", s.destination_country, "ambiguous")
            )
    for i, g in enumerate(req.goods):
        if g.origin_country:
            seen_fields = True
            code = geo.country(g.origin_country).code
            if code:
                items.append(
                    _country_item(
                        ctx,
                        f"goods[{i}].origin_country",
                        g.origin_country,
                        code,
                        "origin",
                        party="",
                        role="origin",
                    )
                )
    if s and s.vessel and s.vessel.flag:
        seen_fields = True
        code = geo.country(s.vessel.flag).code
        if code:
            items.append(
                _country_item(
                    ctx,
                    "shipment.vessel.flag",
                    s.vessel.flag,
                    code,
                    "flag",
                    party="",
                    role="vessel",
                )
            )
    fields = ("parties[].country", "parties[].address", "payment.*_bic", "shipment.port_of_loading")
    b.put("countries", items, seen_fields, *fields)
    b.put("unresolved_countries", unresolved, seen_fields, *fields)
    nexus = [c for c in items if c["code"] in set(ctx.cfg["usd_nexus_countries"])]
    b.put("sanctioned_countries", nexus, True)
    _address_gaps(ctx, b)


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
