"""The trade route: where goods leave from and go to, from the resolved countries."""

from __future__ import annotations

from facts_fixtures import context

from service.rules.facts.countries import add_countries
from service.rules.facts.route import trade_route


def test_origins_destinations_end_users_and_payers() -> None:
    ctx, b = context(
        {
            "parties": [
                {"id": "s", "role": "seller", "name": "S", "country": "DE"},
                {
                    "id": "b",
                    "role": "buyer",
                    "name": "B",
                    "address": {"city": "Bishkek", "country": "KG"},
                },
                {"id": "e", "role": "end_user", "name": "E", "country": "RU"},
                {"id": "p", "role": "payer", "name": "P", "bank": {"bic": "EMIRAEAA"}},
            ],
            "shipment": {"port_of_loading": "Rotterdam", "destination_country": "Kyrgyzstan"},
        }
    )
    add_countries(ctx, b)
    route = trade_route(ctx, b)
    assert [(o.code, o.role) for o in route.origins] == [("DE", "seller"), ("NL", "port")]
    assert [d.code for d in route.destinations] == ["KG", "KG"]
    assert [e.code for e in route.end_users] == ["RU"] and [p.code for p in route.payers] == ["AE"]
    assert {p.path for p in route.parties} == {
        "parties[0]",
        "parties[1]",
        "parties[2]",
        "parties[3]",
    }
