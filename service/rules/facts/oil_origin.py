"""Relabelled oil: crude or fuel whose declared origin disagrees with its route (OIL-01).

Iranian and Venezuelan oil reaches buyers as "Malaysian", "Iraqi" or "Omani" after a
ship-to-ship transfer off Johor, the Riau islands or in the Gulf of Oman, typically on
old tankers with unknown insurers that go AIS-dark, and is sold to independent
refiners (``lists/reference/relabelling.yaml``). The check is the one GDS-04 does for
DPRK coal: the declared origin against where the vessel called and where the cargo
changed hands.
"""

from __future__ import annotations

from typing import Any

from service.rules.facts.builder import Context, FactBuilder, country_label, evidence
from service.rules.relabelling import Area

PATHS = ("goods[].origin_country", "shipment.vessel.sts_events", "shipment.vessel.port_calls")


def add_oil_origin(ctx: Context, b: FactBuilder) -> None:
    """``relabel_route`` (route events contradicting the oil's declared origin; missing
    when an oil line declares no origin or the vessel's track is absent, unless a
    declared line already contradicts its route) and
    ``relabel_signals`` (AIS gaps, an old vessel with cover concerns, an independent
    refiner buying, an origin such oil is relabelled as)."""
    oil = ctx.ref.oil_categories
    lines = [i for i, c in ctx.classified.items() if not oil.isdisjoint(c.categories)]
    v = ctx.request.shipment.vessel if ctx.request.shipment else None
    goods = ctx.request.goods
    declared = [goods[i].origin_country for i in lines if goods[i].origin_country]
    tracked = bool(
        v and (v.sts_events is not None or v.port_calls is not None or v.ais_gaps is not None)
    )
    origins = {ctx.ref.geo.country(text).code for text in declared}
    route: list[dict[str, Any]] = []
    areas: list[Area] = []
    table = ctx.ref.relabelling
    if tracked and declared and not origins & set(table.sources):
        said = ", ".join(sorted(c for c in origins if c)) or "unresolved"
        for j, e in enumerate(v.sts_events or ()):
            area = table.area(e.get("location"))
            if area:
                areas.append(area)
                note = f"ship-to-ship transfer in {area.name}, a relabelling area, "
                path = f"shipment.vessel.sts_events[{j}]"
                route.append(
                    evidence(path, e.get("location"), note + f"but the oil is declared {said}")
                )
        for j, call in enumerate(v.port_calls or ()):
            port = ctx.ref.geo.port(call.get("port"))
            if port and port.country in table.sources:
                note = f"called in {country_label(port.country)} but the oil is declared {said}"
                route.append(evidence(f"shipment.vessel.port_calls[{j}]", call.get("port"), note))
    signals = _signals(ctx, b, origins, areas) if route else []
    # Judged when every oil line declares an origin and the track is given, or when a
    # declared line already contradicts its route (an undeclared line cannot hide it).
    judged = not lines or (tracked and len(declared) == len(lines)) or bool(route)
    b.put("relabel_route", route, judged, *PATHS)
    b.put("relabel_signals", signals, True)


def _signals(
    ctx: Context, b: FactBuilder, origins: set[str | None], areas: list[Area]
) -> list[dict[str, Any]]:
    v = ctx.request.shipment.vessel if ctx.request.shipment else None
    found = []
    for j, gap in enumerate((v.ais_gaps or ()) if v else ()):
        hours = float(gap.get("hours") or 0)
        if hours >= float(ctx.cfg["ais_gap_hours"]):
            path = f"shipment.vessel.ais_gaps[{j}]"
            found.append(evidence(path, gap.get("area") or "", f"AIS dark {hours:g} h"))
    age = int(b.values.get("vessel_age", 0) or 0)
    concerns = b.values.get("cover_concerns", ())
    if age > int(ctx.cfg["old_vessel_years"]) and concerns:
        said = "; ".join(str(c.get("note", "")) for c in concerns)
        year = v.build_year if v else ""
        found.append(evidence("shipment.vessel.build_year", year, f"{age}-year-old vessel; {said}"))
    for i, p in enumerate(ctx.request.parties):
        if p.role not in ("buyer", "consignee", "applicant"):
            continue
        a = p.address
        words = ctx.ref.relabelling.refiner(
            p.name, p.industry, a.region if a else None, a.city if a else None
        )
        if words:
            found.append(evidence(f"parties[{i}]", p.name, f"independent refiner ('{words}')"))
    labels = {c for area in areas for c in area.labels}
    for code in sorted(c for c in origins if c in labels):
        note = f"{country_label(code)}: an origin this oil is relabelled as"
        found.append(evidence("goods[].origin_country", code, note))
    return found
