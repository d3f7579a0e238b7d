"""extract_facts: run every area's extractor over one transaction.

The order matters only where one area reuses another's work: goods classify each line
once (``Context.classified``) and the counterparty check reads those classifications;
the trade route reads the resolved countries, and the price cap and relabelled-oil
facts read the vessel's cover concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from service.core.model import Entity
from service.core.query import Match
from service.rules.config import regimes_of
from service.rules.engine import Facts
from service.rules.facts.borders import add_borders
from service.rules.facts.builder import Context, FactBuilder
from service.rules.facts.counterparties import add_counterparties
from service.rules.facts.countries import add_countries
from service.rules.facts.export_controls import add_export_controls
from service.rules.facts.free_text import add_free_text
from service.rules.facts.goods import add_goods, add_prices
from service.rules.facts.hidden import add_hidden_characters
from service.rules.facts.luxury import add_luxury
from service.rules.facts.matches import add_matches
from service.rules.facts.oil_origin import add_oil_origin
from service.rules.facts.payments import add_payment
from service.rules.facts.price_cap import add_price_cap
from service.rules.facts.route import lazy_route
from service.rules.facts.vessels import add_vessel
from service.rules.geo import Port
from service.rules.request import TransactionRequest
from service.rules.tables import ReferenceData


def extract_facts(
    request: TransactionRequest,
    reference: ReferenceData,
    config: Mapping[str, Any],
    today: date,
    party_matches: Mapping[str, Sequence[Match]] | None = None,
    vessel_matches: Sequence[Match] | None = None,
    listed_imos: Mapping[str, Sequence[Entity]] | None = None,
) -> Facts:
    """Compute every fact the rule set can use for one transaction.

    ``listed_imos`` maps IMO numbers named in the request (STS counterparties) to the
    listed vessels that carry them, as the service layer found them in the lists.
    """
    day = date.fromisoformat(request.as_of[:10]) if request.as_of else today
    regimes = regimes_of(request.regimes, config)
    ctx = Context(
        request,
        reference,
        config,
        day,
        regimes,
        resolve_ports(request, reference),
        dict(listed_imos or {}),
    )
    b = FactBuilder()
    b.put("regimes", sorted(regimes), True)
    b.put("us_regime", "US" in regimes, True)
    b.put("origin_ban_all", bool(regimes & {"US", "EU"}), True)
    add_countries(ctx, b)
    add_free_text(ctx, b)
    add_hidden_characters(ctx, b)
    add_goods(ctx, b)
    add_prices(ctx, b)
    add_counterparties(ctx, b)
    add_payment(ctx, b)
    add_vessel(ctx, b)
    add_matches(ctx, b, party_matches or {}, vessel_matches)
    route = lazy_route(ctx, b)  # worked out only for the areas that need it
    add_export_controls(ctx, b, route)
    add_borders(ctx, b, route)
    add_price_cap(ctx, b, route)
    add_luxury(ctx, b, route)
    add_oil_origin(ctx, b)
    return b.facts(config)


def resolve_ports(request: TransactionRequest, ref: ReferenceData) -> dict[str, Port]:
    ports: dict[str, Port] = {}
    s = request.shipment
    if s is None:
        return ports
    for key in ("port_of_loading", "port_of_discharge"):
        port = ref.geo.port(getattr(s, key))
        if port:
            ports[f"shipment.{key}"] = port
    for i, value in enumerate(s.transshipment_ports or ()):
        port = ref.geo.port(value)
        if port:
            ports[f"shipment.transshipment_ports[{i}]"] = port
    return ports
