"""The oil price cap: Russian-origin crude and products bought above a selected regime's
cap while a coalition party ships, insures, finances or brokers them (CAP-01).

Each Russian-origin oil line (declared origin RU, or loaded in Russia with no origin
declared) gets a price per barrel from its unit price, else value / quantity, in US
dollars, converted from tonnes or cubic metres with the factors of
``lists/reference/price_cap.yaml``, and is compared with the cap of every selected
regime in force on the transaction date.
"""

from __future__ import annotations

from typing import Any

from service.rules.facts.builder import Context, FactBuilder, evidence
from service.rules.facts.countries import bic_country
from service.rules.facts.route import Route, RouteOf
from service.rules.price_caps import per_barrel

SERVICE_ROLES = frozenset(
    {"charterer", "insurer", "vessel_owner", "vessel_manager", "operator", "agent", "broker"}
)
"""Parties providing shipping, insurance or brokerage."""
FINANCE_ROLES = frozenset({"intermediary_bank", "payer", "payee", "beneficiary"})
PRICE_PATHS = ("goods[].unit_price", "goods[].quantity", "goods[].unit")
ORIGIN_PATHS = ("goods[].origin_country", "shipment.port_of_loading")
NEXUS_PATHS = (
    "parties[role=insurer|charterer|vessel_owner|broker|payer|payee].country",
    "payment.currency",
    "shipment.vessel.pandi_insurer",
)


def add_price_cap(ctx: Context, b: FactBuilder, route_of: RouteOf) -> None:
    """``russian_oil`` (priced Russian-origin oil lines), ``price_cap_breaches`` (those
    above a selected regime's cap; both missing, unless a line breaches, when a
    Russian line has no usable price or an oil line has neither origin nor loading
    port) and ``price_cap_nexus`` (coalition services, looked for only when a line
    breaches; missing when nothing says who serves or pays for the cargo)."""
    caps, ref = ctx.ref.price_caps, ctx.ref
    fallback = ctx.request.payment.currency if ctx.request.payment else None

    def to_usd(amount: float, currency: str | None) -> float | None:
        return ref.to_usd(amount, currency or fallback)

    loading = {port.country for path, port in ctx.ports.items() if "port_of_loading" in path}
    loading.discard(None)
    lines, breaches, unpriced, unplaced = [], [], False, False
    for i, g in enumerate(ctx.request.goods):
        origin = ref.geo.country(g.origin_country).code if g.origin_country else None
        if origin is None and not loading:
            # Neither a declared origin nor a loading port: whether an oil line is
            # Russian cannot be told, so the cap cannot be judged (not "not Russian").
            unplaced = unplaced or caps.product(g) is not None
            continue
        if origin != "RU" and not (origin is None and "RU" in loading):
            continue
        product = caps.product(g)
        priced = per_barrel(g, product, to_usd, caps.per_cubic_metre) if product else None
        if product is None or priced is None:
            unpriced = unpriced or product is not None
            continue
        price, how = priced
        said = "Russian origin" if origin else "loaded in Russia, origin not declared"
        note = f"{said}; {product.title} ({product.via}); {how} = US${price:,.2f}/bbl"
        item = evidence(f"goods[{i}]", g.description or f"HS {g.hs_code}", note)
        lines.append(item)
        over, under = _compare(ctx, product.cls, price)
        if over:
            within = "; within " + "; ".join(under) if under else ""
            breaches.append({**item, "note": f"{note}; above {'; '.join(over)}{within}"})
    # A breach on one line is enough to judge; otherwise a line that cannot be placed
    # or priced leaves the rule not evaluated rather than passed.
    judged = bool(breaches) or not (unpriced or unplaced)
    paths = (ORIGIN_PATHS if unplaced else ()) + (PRICE_PATHS if unpriced else ())
    b.put("russian_oil", lines, judged, *paths)
    b.put("price_cap_breaches", breaches, judged, *paths)
    route = route_of() if breaches else None
    known = route is None or _services_known(ctx, route)
    b.put("price_cap_nexus", _nexus(ctx, b, route) if route else [], known, *NEXUS_PATHS)


def _compare(ctx: Context, cls: str, price: float) -> tuple[list[str], list[str]]:
    """The selected regimes' caps the price exceeds, and those it respects."""
    over, under = [], []
    for regime in sorted(ctx.regimes):
        found = ctx.ref.price_caps.cap(regime, cls, ctx.today)
        if found is None:
            continue
        cap, since = found
        text = f"the {regime} {cls} cap US${cap:,.2f}/bbl (since {since})"
        (over if price > cap else under).append(text)
    return over, under


def _services_known(ctx: Context, route: Route) -> bool:
    """Whether anything tells who ships, insures, finances or brokers the cargo, or how
    it is paid: a service or finance party whose country is known, a payment currency
    or bank, the vessel's P&I insurer. Without any, a breach cannot be tied to (or
    cleared of) coalition services."""
    if any(p.role in SERVICE_ROLES | FINANCE_ROLES for p in route.parties):
        return True
    pay = ctx.request.payment
    banks = pay and (pay.ordering_bank_bic or pay.beneficiary_bank_bic or pay.intermediary_bics)
    if pay and (pay.currency or banks):
        return True
    vessel = ctx.request.shipment.vessel if ctx.request.shipment else None
    return bool(vessel and vessel.pandi_insurer)


def _nexus(ctx: Context, b: FactBuilder, route: Route) -> list[dict[str, Any]]:
    """Coalition shipping, insurance, finance or brokerage, or a coalition currency."""
    caps = ctx.ref.price_caps
    found = [
        evidence(p.path, p.value, f"{p.role} in coalition country {p.code}")
        for p in route.parties
        if p.role in SERVICE_ROLES | FINANCE_ROLES and p.code in caps.coalition
    ]
    pay = ctx.request.payment
    if pay:
        bics = [("ordering_bank_bic", pay.ordering_bank_bic)]
        bics += [("beneficiary_bank_bic", pay.beneficiary_bank_bic)]
        bics += [(f"intermediary_bics[{j}]", x) for j, x in enumerate(pay.intermediary_bics)]
        for key, bic in bics:
            code = bic_country(bic)
            if code in caps.coalition:
                found.append(evidence(f"payment.{key}", bic, f"bank in coalition country {code}"))
        if pay.currency and pay.currency.upper() in caps.currencies:
            found.append(evidence("payment.currency", pay.currency, "a coalition currency"))
    vessel = ctx.request.shipment.vessel if ctx.request.shipment else None
    concerns = b.values.get("cover_concerns", ())
    insurer_doubted = any(c.get("path") == "shipment.vessel.pandi_insurer" for c in concerns)
    if vessel and vessel.pandi_insurer and not insurer_doubted:
        note = "International Group P&I club (coalition insurance)"
        found.append(evidence("shipment.vessel.pandi_insurer", vessel.pandi_insurer, note))
    return found
