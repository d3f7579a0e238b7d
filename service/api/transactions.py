"""``POST /v1/screen/transaction``: screen a payment or trade, names and red flags together.

The rule set and reference tables are loaded when this blueprint is registered (in
the gunicorn master when preloaded), through the process-wide loader the screener
uses too (:func:`service.screening.cached_rules`).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask.blueprints import BlueprintSetupState

from service.api.blueprint import Blueprint
from service.api.schemas.transaction import TransactionRequestSchema, TransactionResponseSchema
from service.api.state import get_state
from service.rules import ReferenceData, RuleSet
from service.screening import cached_rules
from service.transaction import screen_transaction

blp = Blueprint(
    "transactions",
    __name__,
    url_prefix="/v1",
    description="Screen a payment or trade: every party by name, plus red-flag rules",
)


def get_rules(app: Flask | None = None) -> tuple[RuleSet, ReferenceData]:
    """The rule set and reference data for ``app``'s settings (loaded once per process)."""
    return cached_rules(get_state(app or current_app).settings)()


@blp.record_once
def _load_on_register(setup: BlueprintSetupState) -> None:
    get_rules(setup.app)


@blp.route("/screen/transaction", methods=["POST"])
@blp.arguments(TransactionRequestSchema())
@blp.response(200, TransactionResponseSchema())
@blp.problem(400, "Invalid field (problem+json naming it)")
@blp.problem(413, "Body larger than SCREENING_MAX_BODY_BYTES")
@blp.problem(415, "Body is not application/json")
@blp.problem(503, "No list loaded: screening refused, never clear")
def screen_transaction_view(body: dict[str, Any]) -> dict[str, Any]:
    """Screen every party and the vessel by name, then run the red-flag rules.

    ``decision`` is ``block`` when any block rule fires (a listed party or vessel, a
    comprehensively sanctioned jurisdiction, DPRK-bound or DPRK-origin goods, USD with a
    sanctioned nexus ...); otherwise the risk score is the sum of the rule weights,
    raised to typology floors and capped at 99, and the decision is ``review`` when a
    review rule fires or the score reaches 40. Rules whose inputs are absent are listed
    in ``not_evaluated``, never counted as passed.
    """
    state = get_state()
    ruleset, reference = get_rules()
    result = screen_transaction(body, state.catalog, ruleset, reference, state.settings)
    return result.to_dict()
