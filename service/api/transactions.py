"""``POST /v1/screen/transaction``: screen a payment or trade, names and red flags together.

The rule set and reference tables are the app's (``ServiceState.rules``, loaded once
by ``create_app``, in the gunicorn master when preloaded).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from service.api.alerting import note_entries, suppress_party
from service.api.blueprint import JSON_BODY_REFUSALS, Blueprint
from service.api.recording import SCREENING_REFUSALS, recorded
from service.api.schemas.transaction import TransactionRequestSchema, TransactionResponseSchema
from service.api.state import get_state
from service.screening import Rules, TransactionResult, load_rules, screen_transaction

blp = Blueprint(
    "transactions",
    __name__,
    url_prefix="/v1",
    description="Screen a payment or trade: every party by name, plus red-flag rules",
)


def get_rules(app: Flask | None = None) -> Rules:
    """The rule set and reference data ``app`` loaded at start."""
    state = get_state(app or current_app)
    return state.rules or load_rules(state.settings)


@blp.route("/screen/transaction", methods=["POST"])
@recorded("transaction")
@blp.arguments(TransactionRequestSchema())
@blp.response(200, TransactionResponseSchema())
@blp.problems(*JSON_BODY_REFUSALS, *SCREENING_REFUSALS)
def screen_transaction_view(body: dict[str, Any]) -> TransactionResult:
    """Screen every party and the vessel by name, then run the red-flag rules.

    ``decision`` is ``block`` when any block rule fires (a listed party or vessel, a
    comprehensively sanctioned jurisdiction, DPRK-bound or DPRK-origin goods, USD with a
    sanctioned nexus ...); otherwise the risk score is the sum of the rule weights,
    raised to typology floors and capped at 99, and the decision is ``review`` when a
    review rule fires or the score reaches 40. Rules whose inputs are absent are listed
    in ``not_evaluated``, never counted as passed. A party's match cleared as a false
    positive for that party (its ``customer_id``, else its name and particulars) is shown
    marked ``suppressed`` and listed in ``suppressed``, and not counted.
    """
    state = get_state()
    ruleset, reference = get_rules()
    result = screen_transaction(
        body, state.catalog, ruleset, reference, state.settings, review_party=suppress_party
    )
    note_entries(result.vessel_matches)
    for party in result.parties:
        note_entries(party.matches)
    return result
