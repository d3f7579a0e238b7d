"""Luxury goods bans: lines bound for Russia or Belarus above a selected regime's
per-item threshold (LUX-01), and lines bound for the DPRK, banned under every regime
(LUX-02). Categories and thresholds: ``lists/reference/luxury.yaml``."""

from __future__ import annotations

from service.rules.facts.builder import Context, FactBuilder, country_label, evidence
from service.rules.facts.goods import unidentified
from service.rules.facts.route import RouteOf
from service.rules.luxury import LuxuryCategory, item_value

PATHS = ("parties[role=buyer|consignee].country", "shipment.destination_country")
VALUE_PATHS = ("goods[].unit_price", "goods[].value", "goods[].quantity", "goods[].currency")


def add_luxury(ctx: Context, b: FactBuilder, route_of: RouteOf) -> None:
    """``luxury_russia`` and ``luxury_dprk``; missing when no destination is known, and
    also when a line has no value to hold against a threshold that applies to it (a
    selected regime's toward Russia or Belarus, the UN's toward the DPRK) and no line
    breaches one."""
    table = ctx.ref.luxury
    found = [
        (i, g, table.classify(g.description, g.hs_code)) for i, g in enumerate(ctx.request.goods)
    ]
    lines = [(i, g, hit) for i, g, hit in found if hit]
    unknown = not lines and bool(unidentified(ctx))
    route = route_of() if lines or unknown else None
    ends = (route.destinations + route.end_users) if route else ()
    to_russia = [d for d in ends if d.code in table.destinations]
    to_dprk = any(d.code == "KP" for d in ends)
    russia, dprk = [], []
    unvalued = dprk_unvalued = False
    currency = ctx.request.payment.currency if ctx.request.payment else None
    for i, g, (cat, via) in lines if to_russia or to_dprk else ():
        amount, how = item_value(g)
        unit = g.currency or currency or "USD"
        shown = g.description or f"HS {g.hs_code}"
        over, undecided = _over_thresholds(ctx, cat, amount, unit) if to_russia else ([], False)
        unvalued = unvalued or (undecided and not over)
        if over:
            where = country_label(to_russia[0].code)
            note = f"{cat.title} ({via}) to {where}: {how} " + "; ".join(over)
            russia.append(evidence(f"goods[{i}]", shown, note))
        if to_dprk and cat.dprk:
            usd = ctx.ref.to_usd(amount, unit)
            floor = cat.dprk_threshold_usd
            dprk_unvalued = dprk_unvalued or bool(floor and usd is None)
            if not floor or (usd is not None and usd > floor):
                limit = f" above US${floor:,.0f}" if floor else ""
                note = f"{cat.title} ({via}) to the DPRK: {table.dprk_list}{limit}"
                dprk.append(evidence(f"goods[{i}]", shown, note))
    if unknown:  # a line nothing identifies cannot be cleared where a ban applies
        banned = bool(to_russia and ctx.regimes & set(table.regimes))
        b.put("luxury_russia", [], not banned, "goods[].hs_code")
        b.put("luxury_dprk", [], not to_dprk, "goods[].hs_code")
        return
    # Without luxury lines there is nothing to judge; with them, a destination is needed,
    # and a per-item value wherever a threshold applies (unless a line already breaches).
    known = route is None or bool(ends)
    paths = PATHS if not known else VALUE_PATHS
    b.put("luxury_russia", russia, known and (not unvalued or bool(russia)), *paths)
    b.put("luxury_dprk", dprk, known and (not dprk_unvalued or bool(dprk)), *paths)


def _over_thresholds(
    ctx: Context, cat: LuxuryCategory, amount: float | None, currency: str
) -> tuple[list[str], bool]:
    """'EU Annex XVIII above EUR 300: EUR 1,850.00' for each selected regime breached,
    and whether a selected regime's threshold could not be held against the value (none
    given, or in a currency without a rate)."""
    table = ctx.ref.luxury
    out: list[str] = []
    undecided = False
    for regime in sorted(ctx.regimes & set(table.regimes)):
        limit, unit, name = table.threshold(regime, cat)
        value = ctx.ref.convert(amount, currency, unit) if amount is not None else None
        if limit and value is None:
            undecided = True
            continue
        if limit and value <= limit:
            continue
        shown = "value unknown" if value is None else f"{unit} {value:,.2f}"
        bound = f" above {unit} {limit:,.0f}" if limit else " at any value"
        out.append(f"{name}{bound}: {shown}")
    return out, undecided
