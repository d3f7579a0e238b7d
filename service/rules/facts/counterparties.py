"""Counterparties: the front-company signs (no web, new, no office, opaque ownership,
mass registration, an industry that does not fit the goods, an offshore seat)."""

from __future__ import annotations

import re
from datetime import date

from service.rules.facts.builder import Context, FactBuilder, country_label, day_of, evidence
from service.rules.facts.countries import party_country
from service.rules.facts.goods import goods_hs

_PO_BOX = re.compile(r"\b(p\.?\s?o\.?\s?box|post office box|postfach|а/я)\b", re.IGNORECASE)


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def add_counterparties(ctx: Context, b: FactBuilder) -> None:
    req, cfg = ctx.request, ctx.cfg
    no_web, new, office, opaque, mass, mismatch, offshore = [], [], [], [], [], [], []
    seen = dict.fromkeys(("web", "inc", "office", "ubo", "mass", "industry"), False)
    hs_codes = goods_hs(ctx)
    offshore_codes = set(cfg["offshore_countries"])
    for i, p in enumerate(req.parties):
        base = f"parties[{i}]"
        if p.web_presence or p.has_website_field:
            seen["web"] = True
            if p.web_presence == "none" or (
                p.has_website_field and not p.website and p.web_presence != "verified"
            ):
                value = p.web_presence or "no website"
                no_web.append(
                    evidence(
                        f"{base}.web_presence", value, f"{p.name}: no web presence", party=p.id
                    )
                )
        if p.incorporation_date:
            seen["inc"] = True
            started = day_of(p.incorporation_date)
            if started:
                months = _months_between(started, ctx.today)
                if months < int(cfg["new_entity_months"]):
                    new.append(
                        evidence(
                            f"{base}.incorporation_date",
                            p.incorporation_date,
                            f"{p.name}: incorporated {months} months before {ctx.today}",
                            party=p.id,
                        )
                    )
        if p.physical_office:
            seen["office"] = True
            if p.physical_office in ("none", "virtual", "residential"):
                office.append(
                    evidence(f"{base}.physical_office", p.physical_office, f"{p.name}", party=p.id)
                )
        if (
            p.ubo_known is not None
            or p.ownership_layers is not None
            or p.nominee_directors is not None
        ):
            seen["ubo"] = True
            reasons = []
            if p.ubo_known is False:
                reasons.append("beneficial owner unknown")
            if (p.ownership_layers or 0) >= int(cfg["ownership_layers_min"]):
                reasons.append(f"{p.ownership_layers} ownership layers")
            if p.nominee_directors:
                reasons.append("nominee directors")
            if reasons:
                opaque.append(evidence(base, p.name, "; ".join(reasons), party=p.id))
        if p.registered_address_entity_count is not None or (p.address and p.address.lines):
            seen["mass"] = True
            count = p.registered_address_entity_count or 0
            if count > int(cfg["mass_registration_threshold"]):
                mass.append(
                    evidence(
                        f"{base}.registered_address_entity_count",
                        count,
                        f"{count} entities registered at {p.name}'s address",
                        party=p.id,
                    )
                )
            for j, line in enumerate(p.address.lines if p.address else ()):
                if _PO_BOX.search(line):
                    mass.append(
                        evidence(f"{base}.address.lines[{j}]", line, "PO box address", party=p.id)
                    )
        if p.industry and hs_codes:
            seen["industry"] = True
            fit = ctx.ref.industries.classify(p.industry)
            for path, hs, label in hs_codes:
                if fit and fit.unrelated(hs):
                    mismatch.append(
                        evidence(
                            f"{base}.industry",
                            p.industry,
                            f"{fit.title} does not fit {label} at {path}",
                            party=p.id,
                        )
                    )
                    break
        code, _, _ = party_country(ctx, p, p.country or (p.address.country if p.address else None))
        if code in offshore_codes:
            offshore.append(
                evidence(
                    f"{base}.country",
                    p.country or code,
                    f"{p.name}: incorporated in {country_label(code)}",
                    party=p.id,
                )
            )
    b.put("no_web", no_web, seen["web"], "parties[].web_presence", "parties[].website")
    b.put("new_entities", new, seen["inc"], "parties[].incorporation_date")
    b.put("no_office", office, seen["office"], "parties[].physical_office")
    b.put(
        "opaque_ownership", opaque, seen["ubo"], "parties[].ubo_known", "parties[].ownership_layers"
    )
    b.put("mass_registration", mass, seen["mass"], "parties[].registered_address_entity_count")
    b.put("industry_mismatch", mismatch, seen["industry"], "parties[].industry", "goods[].hs_code")
    b.put("offshore_parties", offshore, True)
