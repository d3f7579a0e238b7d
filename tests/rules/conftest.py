"""Fixtures for the pure rule tests: the real rule set and reference tables from lists/."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from service.reference import load_reference, load_ruleset
from service.rules import RuleSet, evaluate, extract_facts
from service.rules.model import Outcome
from service.rules.request import TransactionRequest
from service.rules.tables import ReferenceData

LISTS = Path(__file__).resolve().parents[2] / "lists"
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset(LISTS / "rules")


@pytest.fixture(scope="session")
def reference() -> ReferenceData:
    return load_reference(LISTS / "reference")


@pytest.fixture(scope="session")
def run(ruleset: RuleSet, reference: ReferenceData):
    """``run(request_dict, party_matches=None, vessel_matches=None) -> Outcome``."""

    def go(
        request: dict[str, Any], party_matches: Any = None, vessel_matches: Any = None
    ) -> Outcome:
        req = TransactionRequest.from_dict(request)
        facts = extract_facts(req, reference, ruleset.config, TODAY, party_matches, vessel_matches)
        return evaluate(ruleset, facts)

    return go
