"""Counterparties: the front-company signs (no web, new, no office, opaque ownership,
mass registration, an industry that does not fit the goods, an offshore seat)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from service.rules.facts.builder import Context, FactBuilder, country_label, day_of, evidence
from service.rules.facts.countries import party_country
from service.rules.facts.goods import goods_hs
from service.rules.request import Party

_PO_BOX = re.compile(r"\b(p\.?\s?o\.?\s?box|post office box|postfach|а/я)\b", re.IGNORECASE)


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


Found = tuple[bool, list[dict[str, Any]]]
"""Whether the party said enough to judge the signal, and the evidence it raised."""
HsLines = list[tuple[str, str, str]]


def add_counterparties(ctx: Context, b: FactBuilder) -> None:
    hs_codes = goods_hs(ctx)
    for fact, read, paths in _SIGNALS:
        judged, items = False, []
        for i, p in enumerate(ctx.request.parties):
            seen, found = read(ctx, f"parties[{i}]", p, hs_codes)
            judged = judged or seen
            items.extend(found)
        b.put(fact, items, judged, *paths)
    offshore = [_offshore(ctx, f"parties[{i}]", p) for i, p in enumerate(ctx.request.parties)]
    b.put("offshore_parties", [item for item in offshore if item], True)


def _no_web(ctx: Context, base: str, p: Party, hs: HsLines) -> Found:
    if not (p.web_presence or p.has_website_field):
        return False, []
    if p.web_presence == "none" or (
        p.has_website_field and not p.website and p.web_presence != "verified"
    ):
        value = p.web_presence or "no website"
        note = f"{p.name}: no web presence"
        return True, [evidence(f"{base}.web_presence", value, note, party=p.id)]
    return True, []


def _new_entity(ctx: Context, base: str, p: Party, hs: HsLines) -> Found:
    if not p.incorporation_date:
        return False, []
    started = day_of(p.incorporation_date)
    if not started:
        return True, []
    months = _months_between(started, ctx.today)
    if months >= int(ctx.cfg["new_entity_months"]):
        return True, []
    note = f"{p.name}: incorporated {months} months before {ctx.today}"
    return True, [evidence(f"{base}.incorporation_date", p.incorporation_date, note, party=p.id)]


def _no_office(ctx: Context, base: str, p: Party, hs: HsLines) -> Found:
    if not p.physical_office:
        return False, []
    if p.physical_office not in ("none", "virtual", "residential"):
        return True, []
    return True, [evidence(f"{base}.physical_office", p.physical_office, f"{p.name}", party=p.id)]


def _opaque_ownership(ctx: Context, base: str, p: Party, hs: HsLines) -> Found:
    if p.ubo_known is None and p.ownership_layers is None and p.nominee_directors is None:
        return False, []
    reasons = []
    if p.ubo_known is False:
        reasons.append("beneficial owner unknown")
    if (p.ownership_layers or 0) >= int(ctx.cfg["ownership_layers_min"]):
        reasons.append(f"{p.ownership_layers} ownership layers")
    if p.nominee_directors:
        reasons.append("nominee directors")
    return True, [evidence(base, p.name, "; ".join(reasons), party=p.id)] if reasons else []


def _mass_registration(ctx: Context, base: str, p: Party, hs: HsLines) -> Found:
    if p.registered_address_entity_count is None and not (p.address and p.address.lines):
        return False, []
    found = []
    count = p.registered_address_entity_count or 0
    if count > int(ctx.cfg["mass_registration_threshold"]):
        path = f"{base}.registered_address_entity_count"
        note = f"{count} entities registered at {p.name}'s address"
        found.append(evidence(path, count, note, party=p.id))
    for j, line in enumerate(p.address.lines if p.address else ()):
        if _PO_BOX.search(line):
            found.append(evidence(f"{base}.address.lines[{j}]", line, "PO box address", party=p.id))
    return True, found


def _industry_mismatch(ctx: Context, base: str, p: Party, hs_codes: HsLines) -> Found:
    if not (p.industry and hs_codes):
        return False, []
    fit = ctx.ref.industries.classify(p.industry)
    for path, hs, label in hs_codes:
        if fit and fit.unrelated(hs):
            note = f"{fit.title} does not fit {label} at {path}"
            return True, [evidence(f"{base}.industry", p.industry, note, party=p.id)]
    return True, []


def _offshore(ctx: Context, base: str, p: Party) -> dict[str, Any] | None:
    code, _, _ = party_country(ctx, p, p.country or (p.address.country if p.address else None))
    if code not in set(ctx.cfg["offshore_countries"]):
        return None
    note = f"{p.name}: incorporated in {country_label(code)}"
    return evidence(f"{base}.country", p.country or code, note, party=p.id)


_SIGNALS: tuple[
    tuple[str, Callable[[Context, str, Party, HsLines], Found], tuple[str, ...]], ...
] = (
    ("no_web", _no_web, ("parties[].web_presence", "parties[].website")),
    ("new_entities", _new_entity, ("parties[].incorporation_date",)),
    ("no_office", _no_office, ("parties[].physical_office",)),
    ("opaque_ownership", _opaque_ownership, ("parties[].ubo_known", "parties[].ownership_layers")),
    ("mass_registration", _mass_registration, ("parties[].registered_address_entity_count",)),
    ("industry_mismatch", _industry_mismatch, ("parties[].industry", "goods[].hs_code")),
)
"""Fact name, the reader that judges one party, and the request paths behind it."""
