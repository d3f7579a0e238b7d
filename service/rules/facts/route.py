"""Where goods go: the countries a trade leaves from and goes to, and who else is where.

The export-control, luxury and price-cap facts all ask the same questions (is the buyer
in Russia? does the seller sit inside the EU?), so the route is read once per request
from the countries already resolved (the ``countries`` fact) and the resolved ports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from service.rules.facts.builder import Context, FactBuilder

ORIGIN_ROLES = frozenset({"seller", "shipper"})
DESTINATION_ROLES = frozenset({"buyer", "applicant", "consignee"})
PAYER_ROLES = frozenset({"payer", "ordering_customer"})


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A country the route names, with the request path and the text it came from."""

    path: str
    value: str
    code: str
    role: str


@dataclass(frozen=True, slots=True)
class Route:
    origins: tuple[Endpoint, ...]
    """Sellers, shippers and the loading port."""
    destinations: tuple[Endpoint, ...]
    """Buyers, applicants, consignees, the discharge port and the destination country."""
    end_users: tuple[Endpoint, ...]
    payers: tuple[Endpoint, ...]
    parties: tuple[Endpoint, ...]
    """Every party whose country is known, any role."""


RouteOf = Callable[[], "Route"]
"""The route of the request, worked out on first call (most trades never need it)."""


def lazy_route(ctx: Context, b: FactBuilder) -> RouteOf:
    """The request's route, read on the first call and kept (a closure is cheaper than
    functools.cache for one value)."""
    found: list[Route] = []

    def route() -> Route:
        if not found:
            found.append(trade_route(ctx, b))
        return found[0]

    return route


def trade_route(ctx: Context, b: FactBuilder) -> Route:
    """The route of the request; a party's country is the first one resolved for it
    (its country, nationality or address, else its bank's)."""
    by_party: dict[str, str] = {}
    for item in b.values.get("countries", ()):
        if item.get("party") and item.get("kind") in ("party", "bank"):
            by_party.setdefault(str(item["party"]), str(item["code"]))
    origins: list[Endpoint] = []
    destinations: list[Endpoint] = []
    end_users: list[Endpoint] = []
    payers: list[Endpoint] = []
    parties: list[Endpoint] = []
    for i, p in enumerate(ctx.request.parties):
        code = by_party.get(p.id)
        if not code:
            continue
        point = Endpoint(f"parties[{i}]", p.name, code, p.role)
        parties.append(point)
        if p.role in ORIGIN_ROLES:
            origins.append(point)
        elif p.role in DESTINATION_ROLES:
            destinations.append(point)
        elif p.role == "end_user":
            end_users.append(point)
        elif p.role in PAYER_ROLES:
            payers.append(point)
    for path, port in ctx.ports.items():
        if port.country and "port_of_loading" in path:
            origins.append(Endpoint(path, port.text, port.country, "port"))
        elif port.country and "port_of_discharge" in path:
            destinations.append(Endpoint(path, port.text, port.country, "port"))
    s = ctx.request.shipment
    code = ctx.ref.geo.country(s.destination_country).code if s and s.destination_country else None
    if s and code:
        destinations.append(
            Endpoint("shipment.destination_country", s.destination_country, code, "destination")
        )
    return Route(
        tuple(origins), tuple(destinations), tuple(end_users), tuple(payers), tuple(parties)
    )
