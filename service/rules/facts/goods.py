"""Goods: what each line is (restricted categories, dual use, HS), where it goes and
comes from, the route's corridor signals and the prices against their reference."""

from __future__ import annotations

from service.rules.facts.builder import Context, FactBuilder, evidence
from service.rules.facts.countries import party_country


def _trade_value_usd(ctx: Context) -> float | None:
    req, ref = ctx.request, ctx.ref
    if req.payment and req.payment.amount is not None:
        return ref.to_usd(req.payment.amount, req.payment.currency)
    values = [
        ref.to_usd(g.value, g.currency or (req.payment.currency if req.payment else None))
        for g in req.goods
        if g.value is not None
    ]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def unidentified(ctx: Context) -> list[int]:
    """Goods lines that neither an HS heading (four digits or more) nor any word the
    goods table knows identifies (a chapter alone, "84", names no item): whether they
    are on a list read by HS code (the CHPL, the luxury annexes) cannot be told. Run
    after :func:`add_goods`."""
    return [
        i for i, c in ctx.classified.items() if len(c.hs) < 4 and not c.by_words and not c.dual_use
    ]


def add_goods(ctx: Context, b: FactBuilder) -> None:
    req, ref = ctx.request, ctx.ref
    classifier = ref.goods
    items = []
    for i, g in enumerate(req.goods):
        c = ctx.classified[i] = classifier.classify(g.description, g.hs_code)
        cats = c.categories
        directions = sorted({classifier.categories[x].direction for x in cats})
        titles = (
            ", ".join(classifier.categories[x].title.lower() for x in cats)
            or "no restricted category"
        )
        value_usd = ref.to_usd(
            g.value, g.currency or (req.payment.currency if req.payment else None)
        )
        licence = (g.export_control or {}).get("licence_ref")
        shown = g.description or (f"HS {g.hs_code}" if g.hs_code else "")
        items.append(
            {
                "path": f"goods[{i}]",
                "value": shown,
                "note": titles + (f"; HS {c.hs}" if c.hs else ""),
                "description": g.description or "",
                "hs": c.hs,
                "hs_digits": len(c.hs),
                "categories": list(cats),
                "families": list(classifier.family(cats)),
                "directions": directions,
                "dual_use": list(c.dual_use),
                "dual_use_note": ", ".join(c.dual_use_words or c.dual_use),
                "licensed": bool(licence),
                "vague": c.vague,
                "mismatch": c.mismatch,
                "value_usd": -1.0 if value_usd is None else float(value_usd),
                "end_user_known": bool(g.end_user)
                or any(p.role == "end_user" for p in req.parties),
            }
        )
    b.put("goods", items, bool(items), "goods[]")
    dual = [
        {
            **g,
            "note": "dual-use candidate ("
            + g["dual_use_note"]
            + ")"
            + ("" if g["licensed"] else ", no licence reference")
            + ("" if g["end_user_known"] else ", end user unknown"),
        }
        for g in items
        if g["dual_use"] and (not g["licensed"] or not g["end_user_known"])
    ]
    b.put("dual_use", dual, bool(items), "goods[]")
    b.put(
        "mismatches",
        [{**g, "note": g["mismatch"]} for g in items if g["mismatch"]],
        bool(items),
        "goods[]",
    )
    value = _trade_value_usd(ctx)
    b.put(
        "trade_value_usd",
        float(value) if value is not None else 0.0,
        value is not None,
        "payment.amount",
        "goods[].value",
    )
    _dprk_direction(ctx, b)
    _corridors(ctx, b)


def _dprk_direction(ctx: Context, b: FactBuilder) -> None:
    req = ctx.request
    s = req.shipment
    from_kp, to_kp = [], []
    from_seen = to_seen = False
    for i, g in enumerate(req.goods):
        if g.origin_country:
            from_seen = True
            if ctx.ref.geo.country(g.origin_country).code == "KP":
                from_kp.append(
                    evidence(f"goods[{i}].origin_country", g.origin_country, "DPRK origin")
                )
    for path, port in ctx.ports.items():
        if port.country != "KP":
            if "port_of_loading" in path:
                from_seen = True
            elif "port_of_discharge" in path:
                to_seen = True
            continue
        if "port_of_loading" in path:
            from_seen = True
            from_kp.append(evidence(path, port.text, "loaded in the DPRK"))
        else:
            to_seen = True
            to_kp.append(evidence(path, port.text, "discharged in or via the DPRK"))
    if s and s.destination_country:
        to_seen = True
        if ctx.ref.geo.country(s.destination_country).code == "KP":
            to_kp.append(
                evidence("shipment.destination_country", s.destination_country, "DPRK destination")
            )
    for i, p in enumerate(req.parties):
        if p.role in ("consignee", "end_user", "notify_party"):
            to_seen = True
            code, _, _ = party_country(
                ctx, p, p.country or (p.address.country if p.address else None)
            )
            if code == "KP":
                to_kp.append(evidence(f"parties[{i}]", p.name, f"{p.role} in the DPRK"))
        if p.role in ("seller", "shipper"):
            code, _, _ = party_country(
                ctx, p, p.country or (p.address.country if p.address else None)
            )
            if code:
                from_seen = True
            if code == "KP":
                from_kp.append(evidence(f"parties[{i}]", p.name, f"{p.role} in the DPRK"))
    b.put("from_dprk", from_kp, from_seen, "goods[].origin_country", "shipment.port_of_loading")
    b.put("to_dprk", to_kp, to_seen, "shipment.destination_country", "shipment.port_of_discharge")


def _corridors(ctx: Context, b: FactBuilder) -> None:
    """GDS-03/04 route facts: Russian Far East loading, vague discharge, STS, laundering hubs."""
    s = ctx.request.shipment
    corridor, laundering = [], []
    if s is not None:
        for path, port in ctx.ports.items():
            groups = port.groups
            if "rfe_port" in groups and "port_of_discharge" not in path:
                item = evidence(path, port.text, f"{port.place.name}: Russian Far East port")
                corridor.append(item)
                laundering.append(item)
            if "china_border_hub" in groups:
                laundering.append(evidence(path, port.text, f"{port.place.name}: China border hub"))
            if "port_of_discharge" in path and port.place is None and port.unlocode is None:
                code = port.country or ctx.ref.geo.country(port.text).code
                if code in ("CN", "KR", None):
                    corridor.append(
                        evidence(path, port.text, "discharge named only as a country, no terminal")
                    )
        if s.sts_planned:
            corridor.append(evidence("shipment.sts_planned", True, "ship-to-ship transfer planned"))
        for i, change in enumerate(s.destination_history or ()):
            corridor.append(
                evidence(
                    f"shipment.destination_history[{i}]",
                    change.get("port", ""),
                    "destination changed after sailing",
                )
            )
        origin = {
            ctx.ref.geo.country(g.origin_country).code
            for g in ctx.request.goods
            if g.origin_country
        }
        vessel = s.vessel
        for i, call in enumerate((vessel.port_calls or ()) if vessel else ()):
            port = ctx.ref.geo.port(call.get("port"))
            if port and port.country == "KP" and "KP" not in origin:
                laundering.append(
                    evidence(
                        f"shipment.vessel.port_calls[{i}].port",
                        port.text,
                        "vessel called in the DPRK but origin is declared elsewhere",
                    )
                )
    b.put("petroleum_corridor", corridor, s is not None, "shipment")
    b.put("laundering_route", laundering, s is not None, "shipment")


def add_prices(ctx: Context, b: FactBuilder) -> None:
    """GDS-08: goods lines whose unit price (given, or value / quantity) is more than
    ``cfg.price_deviation`` away from the reference price the client supplied."""
    limit = float(ctx.cfg["price_deviation"])
    anomalies, judged = [], False
    for i, g in enumerate(ctx.request.goods):
        price = g.unit_price
        if price is None and g.value and g.quantity:
            price = g.value / g.quantity
        ref = g.reference_unit_price
        if price is None or not ref:
            continue
        judged = True
        deviation = price / ref - 1.0
        if abs(deviation) > limit:
            anomalies.append(
                evidence(
                    f"goods[{i}].unit_price",
                    round(price, 4),
                    f"{deviation:+.0%} against the reference {ref:g}",
                )
            )
    b.put("price_anomalies", anomalies, judged, "goods[].reference_unit_price")


def goods_hs(ctx: Context) -> list[tuple[str, str, str]]:
    """(path, hs, label) per goods line: the given HS code, or the HS its words point to."""
    out = []
    classifier = ctx.ref.goods
    for i, g in enumerate(ctx.request.goods):
        c = ctx.classified.get(i) or classifier.classify(g.description, g.hs_code)
        if c.hs:
            out.append(
                (f"goods[{i}].hs_code", c.hs, f"HS {c.hs} ({g.description or 'no description'})")
            )
            continue
        for cid in c.strong_words:
            cat = classifier.categories[cid]
            out.append(
                (f"goods[{i}].description", cat.hs[0], f"{cat.title.lower()} ('{g.description}')")
            )
    return out
