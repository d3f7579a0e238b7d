"""Borders: which export-control borders a trade crosses, under the selected regimes.

Dual-use and CHPL rules fire on exports out of a control area (out of the EU, the UK,
the US: ``lists/reference/control_areas.yaml``), not on trade inside it. The regimes a
request selects decide which borders count: an intra-EU sale screened under the EU
regime stays inside its area, while under the US regime alone it is trade between two
foreign countries and the border question stays open (the rules then judge as before).
"""

from __future__ import annotations

from typing import Any

from service.rules.facts.builder import Context, FactBuilder, country_label, evidence
from service.rules.facts.route import Route, RouteOf

PATHS = ("parties[role=seller]", "parties[role=buyer|consignee]", "shipment.port_*")


def add_borders(ctx: Context, b: FactBuilder, route_of: RouteOf) -> None:
    """``export_borders`` (exports leaving a selected control area) and
    ``inside_control_area`` (selected regimes whose area the movement stays inside).
    Only controlled goods (dual-use candidates, CHPL items) make the border a question,
    so without them both are empty; run after the goods and export-control facts."""
    controlled = b.values.get("dual_use") or b.values.get("chpl_goods")
    leaving, inside = crossings(ctx, route_of()) if controlled else ([], [])
    b.put("export_borders", leaving, True, *PATHS)
    b.put("inside_control_area", inside, True, *PATHS)


def crossings(ctx: Context, route: Route) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    leaving: list[dict[str, Any]] = []
    inside: list[dict[str, Any]] = []
    ends = route.destinations + route.end_users
    if not route.origins or not ends:
        return leaving, inside
    areas = ctx.ref.control_areas
    for regime in sorted(ctx.regimes):
        area = areas.areas.get(regime)
        home = [o for o in route.origins if area and o.code in area]
        if not home:
            continue
        name = areas.names.get(regime, regime)
        start = home[0]
        abroad = [d for d in ends if d.code not in area]
        if abroad:
            end = abroad[0]
            note = (
                f"export out of the {name} control area ({country_label(start.code)} to "
                f"{country_label(end.code)}), a border the {regime} regime controls"
            )
            leaving.append(evidence(end.path, f"{start.code} -> {end.code}", note, regime=regime))
        elif len(home) == len(route.origins):
            note = f"trade inside the {name} control area: no export under the {regime} regime"
            value = f"{start.code} -> {ends[0].code}"
            inside.append(evidence(start.path, value, note, regime=regime))
    return leaving, inside
