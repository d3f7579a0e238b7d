"""``GET /v1/rules``: the active red-flag rules and reference-data versions."""

from __future__ import annotations

from typing import Any

from service.api.blueprint import Blueprint
from service.api.schemas.rules import RulesResponseSchema
from service.api.transactions import get_rules
from service.screening import reference_versions

blp = Blueprint("rules", __name__, url_prefix="/v1", description="Active red-flag rules")


@blp.route("/rules", methods=["GET"])
@blp.response(200, RulesResponseSchema())
def list_rules() -> dict[str, Any]:
    """The rule set in force: every rule with its levels (CEL condition, severity,
    weight), inputs and sources, plus the reference tables' versions and dates."""
    ruleset, reference = get_rules()
    return {
        "ruleset": ruleset.version,
        "config": dict(ruleset.config),
        "rules": ruleset.describe(),
        "reference": reference_versions(reference),
    }
