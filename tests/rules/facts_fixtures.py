"""Build a fact context or the facts of one small request dict, on a fixed day, with the
real reference tables and rule-set config under lists/ (see ``tests/rules/rule_fixtures``)."""

from __future__ import annotations

from typing import Any

from rule_fixtures import TODAY, reference, ruleset

from service.rules.engine import Facts
from service.rules.facts import extract_facts
from service.rules.facts.builder import Context, FactBuilder
from service.rules.facts.extract import resolve_ports
from service.rules.request import TransactionRequest


def facts(request: dict[str, Any], party_matches: Any = None, vessel_matches: Any = None) -> Facts:
    req = TransactionRequest.from_dict(request)
    return extract_facts(req, reference(), ruleset().config, TODAY, party_matches, vessel_matches)


def context(request: dict[str, Any]) -> tuple[Context, FactBuilder]:
    """The context one extractor reads, and an empty builder for it to fill."""
    req = TransactionRequest.from_dict(request)
    regimes = frozenset(req.regimes or ("UN", "US", "EU", "UK"))
    ref = reference()
    ctx = Context(req, ref, ruleset().config, TODAY, regimes, resolve_ports(req, ref))
    return ctx, FactBuilder()


def notes(items: list[dict[str, Any]]) -> list[str]:
    return [item["note"] for item in items]
