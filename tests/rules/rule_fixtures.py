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
META = {"version": "t1", "config": {"review_score": 40, "score_cap": 99}}
"""Rule-set metadata for the small hand-written rule sets of the model and engine tests."""


def rule(rid: str, when: str, severity: str = "info", weight: int = 10, **extra: object) -> dict:
    """One rule as a rule file states it, reading the fact ``x`` unless told otherwise."""
    return {
        "id": rid,
        "title": rid,
        "when": when,
        "severity": severity,
        "weight": weight,
        "explanation": f"{rid}: $evidence",
        "inputs": extra.pop("inputs", ["x"]),
        **extra,
    }


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
