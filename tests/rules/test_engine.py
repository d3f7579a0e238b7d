"""Decision logic, not_evaluated, floors and caps, templates and evidence.

Compiling and validating rule files is :mod:`service.rules.model`'s (``test_model.py``)."""

from __future__ import annotations

import random
import string

import cel
import pytest
from rule_fixtures import META, rule, ruleset

from service.rules.engine import Facts, _explain, _holds, evaluate, render_evidence
from service.rules.model import RuleSet, comparisons


def run(rules: list[dict], **values: object):
    evidence = {"x": [{"path": "x", "value": values.get("x"), "note": "given"}]}
    return evaluate(RuleSet.from_dicts(META, rules), Facts(values, {"x": ("request.x",)}, evidence))


def test_info_hits_add_up_to_review() -> None:
    rules = [rule(f"I{i}", "x > 0", weight=15) for i in range(3)]
    assert (run(rules[:2], x=1).decision, run(rules, x=1).decision) == ("clear", "review")
    assert run(rules, x=1).risk_score == 45


def test_review_hit_reviews_whatever_the_score() -> None:
    outcome = run([rule("R", "x > 0", "review", 5)], x=1)
    assert (outcome.decision, outcome.risk_score, outcome.priority) == ("review", 5, "low")


def test_block_wins() -> None:
    outcome = run([rule("B", "x > 0", "block", 0), rule("R", "x > 0", "review", 30)], x=1)
    assert (outcome.decision, outcome.risk_score, outcome.priority) == ("block", 100, "high")


def test_condition_reads_only_its_cfg_keys() -> None:
    meta = {"version": "t", "config": {"limit": 5, "other": [1, 2]}}
    ruleset = RuleSet.from_dicts(meta, [rule("R", "x > cfg.limit", "review", 5)])
    assert ruleset.rules[0].levels[0].cfg_keys == ("limit",)
    assert evaluate(ruleset, Facts({"x": 6})).decision == "review"
    assert evaluate(ruleset, Facts({"x": 5})).decision == "clear"


def test_score_is_capped_and_floors_apply() -> None:
    many = [rule(f"R{i}", "x > 0", "review", 40) for i in range(4)]
    assert run(many, x=1).risk_score == 99
    typ = rule("T", "'R0' in hits", "review", 0, stage=2, floor=85, priority="high")
    outcome = run([rule("R0", "x > 0", "review", 10), typ], x=1)
    assert (outcome.risk_score, outcome.priority) == (85, "high")


def test_missing_input_is_not_evaluated_never_passed() -> None:
    outcome = run([rule("R", "x > 0", "review", 30)])
    assert outcome.decision == "clear" and outcome.hits == ()
    assert [(n.rule_id, n.missing_fields) for n in outcome.not_evaluated] == [("R", ("request.x",))]


def test_levels_pick_the_first_true() -> None:
    leveled = {
        "id": "L",
        "title": "L",
        "inputs": ["x"],
        "explanation": "$evidence",
        "levels": [
            {"when": "x > 10", "severity": "block"},
            {
                "when": "x > 0",
                "severity": "review",
                "weight": 25,
                "evidence": ["x"],
            },
        ],
    }
    assert run([leveled], x=11).decision == "block"
    hit = run([leveled], x=3).hits[0]
    assert (hit.severity, hit.weight, hit.explanation) == ("review", 25, "'3' at x (given)")


def test_explanation_is_a_template_not_code() -> None:
    outcome = run([rule("R", "x > 0", explanation="${x} {x.__class__} $nothing")], x=7)
    assert outcome.hits[0].explanation == "7 {x.__class__} $nothing"


def test_render_evidence_quotes_values() -> None:
    text = render_evidence(({"path": "a.b", "value": "KP", "note": "DPRK"}, {"value": ["x", "y"]}))
    assert text == "'KP' at a.b (DPRK); 'x, y'"


@pytest.mark.parametrize(
    "template",
    [
        "Fired: $evidence.",
        "US$${trade_value_usd} in $$ with $evidence and $unknown ${unk}; a lone $ stays",
        "$vessel_age years old: $evidence",
        "no placeholder at all",
    ],
)
def test_explanations_substitute_like_string_template(template: str) -> None:
    evidence = ({"path": "goods[0]", "value": "diesel", "note": "petroleum"},)
    scalars = {"trade_value_usd": 1250.5, "vessel_age": 21}
    expected = string.Template(template).safe_substitute(
        scalars, evidence=render_evidence(evidence)
    )
    assert _explain(template, evidence, scalars) == expected


def test_plain_comparisons_run_in_python_exactly_as_cel_would() -> None:
    """Every rule condition that is a conjunction of ``fact <op> integer`` terms gives
    the same answer through the engine's Python path as through CEL, on random counts."""
    rng = random.Random(13)
    simple = [lv for r in ruleset().rules for lv in r.levels if lv.comparisons]
    assert len(simple) >= 40
    for level in simple:
        for _ in range(30):
            values = {name: rng.choice([0, 0, 1, 2, 5, 20]) for name in level.variables}
            expected = level.program.execute(cel.Context(values))
            assert _holds(level.comparisons, values) is expected, (level.condition, values)


def test_a_compared_fact_that_is_not_an_integer_goes_to_cel() -> None:
    terms = comparisons("a > 0 && b == 0")
    assert terms is not None and _holds(terms, {"a": 1, "b": 0}) is True
    assert _holds(terms, {"a": 1, "b": 0.0}) is None and _holds(terms, {"a": 1}) is None
    assert comparisons("a > 0 || b > 0") is None
    assert comparisons("x > cfg.limit") is None
    rules = RuleSet.from_dicts(
        {"version": "t"},
        [{"id": "X-01", "title": "x", "when": "a > 0 && b > 0", "severity": "info",
          "explanation": "x"}],
    )  # fmt: skip
    # CEL compares a bool with an int as an error, which the engine reports as before.
    with pytest.raises(RuntimeError, match="X-01"):
        evaluate(rules, Facts({"a": 1, "b": True}))
    assert evaluate(rules, Facts({"a": 1, "b": 2})).hit_ids() == ["X-01"]
