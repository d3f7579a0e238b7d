"""The real rule set and reference tables from lists/, loaded once, for the pure rule tests.

A plain module (not a conftest, so that no second module named ``conftest`` competes
with ``tests/conftest.py`` on ``sys.path``); tests call these helpers directly.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from service.reference import load_reference, load_ruleset
from service.rules import RuleSet, evaluate, extract_facts
from service.rules.model import RuleOutcome
from service.rules.request import TransactionRequest
from service.rules.tables import ReferenceData

LISTS = Path(__file__).resolve().parents[2] / "lists"
TODAY = date(2026, 11, 27)


@cache
def ruleset() -> RuleSet:
    return load_ruleset(LISTS / "rules")


@cache
def reference() -> ReferenceData:
    return load_reference(LISTS / "reference")


def run(
    request: dict[str, Any], party_matches: Any = None, vessel_matches: Any = None
) -> RuleOutcome:
    """Facts and rules for one request dict, on :data:`TODAY`."""
    req = TransactionRequest.from_dict(request)
    facts = extract_facts(req, reference(), ruleset().config, TODAY, party_matches, vessel_matches)
    return evaluate(ruleset(), facts)
