"""``GET /v1/rules``: the active red-flag rules and reference-data versions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service.api.blueprint import Blueprint
from service.api.schemas.rules import RulesResponseSchema
from service.api.transactions import get_rules
from service.screening import reference_versions
from service.screening.rules import table_upkeep

blp = Blueprint("rules", __name__, url_prefix="/v1", description="Active red-flag rules")


@blp.route("/rules", methods=["GET"])
@blp.response(200, RulesResponseSchema())
def list_rules() -> dict[str, Any]:
    """The rule set in force: every rule with its levels (CEL condition, severity,
    weight), inputs, sources and the reference tables it reads with their dates, plus
    each table's version, dates, check schedule and whether it is due for a check."""
    rules = get_rules()
    ruleset, reference = rules
    today = datetime.now(UTC).date()
    return {
        "ruleset": ruleset.version,
        "config": dict(ruleset.config),
        "rules": ruleset.describe(reference.versions),
        "reference": reference_versions(reference),
        "upkeep": table_upkeep(rules, today),
    }
