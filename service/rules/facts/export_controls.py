"""Export-control evasion toward Russia and Belarus: CHPL goods and where they go.

CHPL items (``lists/reference/chpl.yaml``) sent straight to Russia or Belarus are banned
under the EU, UK and US regimes (EXP-01); sold to, consigned to or paid from a country
through which diversion runs (``diversion.yaml``) they need a look (EXP-02), and a
harder one when the importer is new, has no web presence, a party or end user is in
Russia or Belarus, or the goods do not fit the buyer's business.
"""

from __future__ import annotations

from typing import Any

from service.rules.facts.builder import Context, FactBuilder, country_label, day_of, evidence
from service.rules.facts.countries import bic_country
from service.rules.facts.goods import unidentified
from service.rules.facts.route import Route, RouteOf

RUSSIA = frozenset({"RU", "BY"})
DESTINATION_PATHS = (
    "parties[role=buyer|consignee|end_user].country",
    "shipment.destination_country",
)
LINK_PATHS = (
    *DESTINATION_PATHS,
    "parties[role=payer].country",
    "payment.ordering_bank_bic",
)


def add_export_controls(ctx: Context, b: FactBuilder, route_of: RouteOf) -> None:
    """``chpl_goods``, ``russia_destinations``, ``diversion_links``,
    ``diversion_aggravators`` and ``chpl_regimes`` (selected regimes that ban CHPL
    exports to Russia and Belarus). Destinations, links and banning regimes are looked
    for only when a line is on the CHPL (and goes to Russia or Belarus)."""
    goods = []
    for i, g in enumerate(ctx.request.goods):
        hit = ctx.ref.chpl.classify(g.description, g.hs_code)
        if hit:
            note = f"CHPL tier {hit.tier}: {hit.title} ({hit.via})"
            goods.append(evidence(f"goods[{i}]", g.description or f"HS {g.hs_code}", note))
    # A line nothing identifies cannot be cleared of the CHPL where it would matter.
    unknown = not goods and bool(unidentified(ctx))
    route = route_of() if goods or unknown else None
    # Where the goods go includes who uses them: a declared end user in Russia makes
    # the sale one "for use in Russia", whoever buys it on the way (as for luxury goods).
    ends = (route.destinations + route.end_users) if route else ()
    to_russia = [
        evidence(d.path, d.value, f"{d.role} in {country_label(d.code)}")
        for d in ends
        if d.code in RUSSIA
    ]
    links = _diversion_links(ctx, route) if route else []
    aggravators = _aggravators(ctx, route) if route and links and goods else []
    banning = sorted(ctx.regimes & set(ctx.cfg["chpl_regimes"])) if to_russia else ()
    regimes = [
        evidence("regimes", r, f"the {r} regime bans CHPL exports to Russia and Belarus")
        for r in banning
    ]
    b.put("chpl_goods", goods, bool(ctx.request.goods), "goods[]")
    if unknown:  # judged where the unknown line goes nowhere a CHPL rule looks at
        b.put("russia_destinations", [], not to_russia, "goods[].hs_code")
        b.put("diversion_links", [], not links, "goods[].hs_code")
    else:
        b.put("russia_destinations", to_russia, route is None or bool(ends), *DESTINATION_PATHS)
        known = route is None or _links_known(ctx, route)
        b.put("diversion_links", links, known, *LINK_PATHS)
    b.put("diversion_aggravators", aggravators, True)
    b.put("chpl_regimes", regimes, True)


def _diversion_links(ctx: Context, route: Route) -> list[dict[str, Any]]:
    """Sold to, consigned to, used in or paid from a diversion country."""
    hubs = ctx.ref.diversion.countries
    links = []
    for point in (*route.destinations, *route.end_users, *route.payers):
        if point.code in hubs:
            how = "paid from" if point in route.payers else f"{point.role} in"
            note = f"{how} {country_label(point.code)}, a diversion hub ({hubs[point.code]})"
            links.append(evidence(point.path, point.value, note))
    pay = ctx.request.payment
    code = bic_country(pay.ordering_bank_bic) if pay else None
    if pay and code in hubs:
        note = f"paid from {country_label(code)}, a diversion hub ({hubs[code]})"
        links.append(evidence("payment.ordering_bank_bic", pay.ordering_bank_bic, note))
    return links


def _links_known(ctx: Context, route: Route) -> bool:
    """Whether any place a diversion link could be is known: a destination, an end
    user, a payer or the ordering bank (a seller's country alone says nothing)."""
    if route.destinations or route.end_users or route.payers:
        return True
    pay = ctx.request.payment
    return bool(pay and bic_country(pay.ordering_bank_bic))


def _aggravators(ctx: Context, route: Route) -> list[dict[str, Any]]:
    """A new or invisible importer, a business that does not fit CHPL goods, an end
    user or another party in Russia or Belarus."""
    found = []
    for i, p in enumerate(ctx.request.parties):
        if p.role not in ("buyer", "applicant", "consignee"):
            continue
        base = f"parties[{i}]"
        months = _months_old(p.incorporation_date, ctx)
        if months is not None and months < int(ctx.cfg["new_entity_months"]):
            note = f"importer {months} months old"
            found.append(evidence(f"{base}.incorporation_date", p.incorporation_date, note))
        if p.web_presence == "none" or (
            p.has_website_field and not p.website and p.web_presence != "verified"
        ):
            value = p.web_presence or "no website"
            found.append(evidence(f"{base}.web_presence", value, "importer without web presence"))
        if p.industry and not ctx.ref.chpl.fits(p.industry):
            note = "business does not fit CHPL goods"
            found.append(evidence(f"{base}.industry", p.industry, note))
    ends = set(route.destinations)
    for point in route.parties:
        if point.code in RUSSIA and point not in ends:
            note = f"{point.role} in {country_label(point.code)}"
            found.append(evidence(point.path, point.value, note))
    return found


def _months_old(day: str | None, ctx: Context) -> int | None:
    start = day_of(day)
    if start is None:
        return None
    today = ctx.today
    return (today.year - start.year) * 12 + today.month - start.month - (today.day < start.day)
