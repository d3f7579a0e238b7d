"""Red flags for one counterparty's context, without a transaction."""

from __future__ import annotations

from rule_fixtures import TODAY, reference, ruleset

from service.rules.counterparty import CONTEXT_FIELDS, evaluate_counterparty

FRONT = {
    "industry": "property management",
    "web_presence": "none",
    "incorporation_date": "2026-10-01",
    "goods": [{"description": "gasoil", "hs_code": "2710.19", "value": 3e6, "currency": "USD"}],
}


def test_front_company_context_fires_the_counterparty_rules() -> None:
    outcome = evaluate_counterparty(
        FRONT, ruleset(), reference(), name="Harbour Realty", today=TODAY
    )
    assert {"CPY-01", "CPY-02", "CPY-03"} <= set(outcome.hit_ids())
    assert "PAY-01" in {n.rule_id for n in outcome.not_evaluated}  # needs a transaction


def test_unknown_context_keys_are_ignored() -> None:
    plain = evaluate_counterparty({}, ruleset(), reference(), name="X", today=TODAY)
    odd = evaluate_counterparty({"shoe_size": 9}, ruleset(), reference(), name="X", today=TODAY)
    assert plain == odd
    assert "goods" in CONTEXT_FIELDS
