"""Every rule issue 13 added or changed (lists/rules/trade_controls.yaml and the
border-aware GDS-05), from tests/rules/trade_cases.py: it fires and names its values,
each near miss leaves it evaluated and quiet, and each missing fact makes the answer
say it was not evaluated, naming the request fields it lacked."""

from __future__ import annotations

import pytest
from rule_fixtures import ruleset, run
from trade_cases import BOUNDARIES, RULES

from service.rules.model import RuleOutcome

NEAR_MISSES = [(rid, name) for rid, c in RULES.items() for name in c.quiet]
ABSENT = [(rid, name) for rid, c in RULES.items() for name in c.absent]


def hits(outcome: RuleOutcome) -> dict[str, str]:
    return {h.rule_id: h.explanation for h in outcome.hits}


def not_evaluated(outcome: RuleOutcome) -> dict[str, tuple[str, ...]]:
    return {n.rule_id: n.missing_fields for n in outcome.not_evaluated}


def test_every_trade_control_rule_has_cases() -> None:
    trade = {r.id for r in ruleset().rules if r.category == "trade_controls"}
    assert trade | {"GDS-05"} == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_fires_naming_its_values(rule_id: str) -> None:
    case = RULES[rule_id]
    outcome = run(case.fires)
    hit = next((h for h in outcome.hits if h.rule_id == rule_id), None)
    assert hit is not None, sorted(hits(outcome))
    assert hit.severity == case.severity
    for said in case.names:
        assert said in hit.explanation, (said, hit.explanation)


@pytest.mark.parametrize(("rule_id", "near_miss"), NEAR_MISSES)
def test_near_miss_stays_quiet(rule_id: str, near_miss: str) -> None:
    outcome = run(RULES[rule_id].quiet[near_miss])
    assert rule_id not in hits(outcome), hits(outcome).get(rule_id)
    assert rule_id not in not_evaluated(outcome), not_evaluated(outcome).get(rule_id)


@pytest.mark.parametrize(("rule_id", "lacking"), ABSENT)
def test_without_a_fact_it_is_not_evaluated(rule_id: str, lacking: str) -> None:
    request, fields = RULES[rule_id].absent[lacking]
    outcome = run(request)
    assert rule_id not in hits(outcome)
    missing = not_evaluated(outcome)
    assert rule_id in missing, sorted(missing)
    assert set(fields) <= set(missing[rule_id]), missing[rule_id]


@pytest.mark.parametrize("boundary", sorted(BOUNDARIES))
def test_one_step_across_the_boundary(boundary: str) -> None:
    rule_id, under, over = BOUNDARIES[boundary]
    assert rule_id not in hits(run(under))
    assert rule_id in hits(run(over))
