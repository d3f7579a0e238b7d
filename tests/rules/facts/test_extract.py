"""extract_facts: the regimes of the request (or the rule set's default) and every
area's facts for one transaction."""

from __future__ import annotations

from facts_fixtures import facts
from rule_fixtures import reference

from service.rules.facts.extract import resolve_ports
from service.rules.request import TransactionRequest

BUYER = {"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd", "country": "SG"}


def test_default_regimes_come_from_the_rule_set() -> None:
    found = facts({"parties": [BUYER]})
    assert found.values["regimes"] == ["EU", "UK", "UN", "US"]
    assert found.values["us_regime"] is True


def test_request_regimes_replace_the_default() -> None:
    found = facts({"parties": [BUYER], "regimes": ["UN"]})
    assert found.values["us_regime"] is False
    assert found.values["origin_ban_all"] is False


def test_ports_are_resolved_by_request_path() -> None:
    req = TransactionRequest.from_dict(
        {"parties": [BUYER], "shipment": {"port_of_loading": "Nampo", "transshipment_ports": ["x"]}}
    )
    ports = resolve_ports(req, reference())
    assert ports["shipment.port_of_loading"].country == "KP"
