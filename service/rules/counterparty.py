"""Red flags for one counterparty (``POST /v1/screen`` with context), without a transaction.

The counterparty becomes the single party of a transaction with the goods it names, and
the whole rule set runs over that; rules that need a transaction (payer, vessel, route)
come back ``not_evaluated``. Pure: it needs only the rule objects, so it lives with them
and the service layer calls it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from service.core.query import Match
from service.rules.engine import evaluate
from service.rules.facts import extract_facts
from service.rules.model import RuleOutcome, RuleSet
from service.rules.request import TransactionRequest
from service.rules.tables import ReferenceData

CONTEXT_FIELDS = (
    "address",
    "industry",
    "website",
    "web_presence",
    "physical_office",
    "incorporation_date",
    "goods",
)
"""The counterparty context a caller may give: every field but ``goods`` is a field of
the party; ``goods`` is a list of goods lines. The one list of these names (the API
schema declares the same fields, which a test checks)."""


def evaluate_counterparty(
    context: Mapping[str, Any],
    ruleset: RuleSet,
    reference: ReferenceData,
    *,
    name: str,
    today: date,
    entity_type: str | None = None,
    country: str | None = None,
    matches: Sequence[Match] = (),
) -> RuleOutcome:
    """The red-flag outcome for one counterparty and its ``context`` on ``today``.

    ``matches`` are the name matches the caller already found (they feed LST-01); pass
    none to leave the name decision to the caller.
    """
    party: dict[str, Any] = {"id": "counterparty", "role": "counterparty", "name": name}
    if entity_type:
        party["entity_type"] = entity_type
    if country:
        party["country"] = country
    party.update({k: context[k] for k in CONTEXT_FIELDS if k != "goods" and k in context})
    req = TransactionRequest.from_dict(
        {"parties": [party], "goods": list(context.get("goods") or ())}
    )
    facts = extract_facts(
        req, reference, ruleset.config, today, {"counterparty": list(matches)}, None
    )
    return evaluate(ruleset, facts)
