"""``/v1/suppressions``: cleared false positives in force, and revoking one."""

from __future__ import annotations

from typing import Any

from service.alerts import suppression
from service.api.alerts import ALERT_WORK
from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.api.schemas.alerts import (
    SuppressionPageSchema,
    SuppressionSchema,
    SuppressionsQuerySchema,
)

blp = Blueprint(
    "suppressions", __name__, url_prefix="/v1", description="Suppressed false positives"
)


@blp.route("/suppressions", methods=["GET"])
@blp.arguments(SuppressionsQuerySchema(), location="query")
@blp.response(200, SuppressionPageSchema())
@blp.problems((400, "Invalid filter"), *ALERT_WORK)
def suppressions(args: dict[str, Any]) -> dict[str, Any]:
    """The tenant's suppressions in force (``all=true``: revoked and expired too), newest
    first."""
    db, tenant = get_auth().db, current_principal().tenant
    return {"items": suppression.list_suppressions(db, tenant, active_only=not args["all"])}


@blp.route("/suppressions/<suppression_id>", methods=["DELETE"])
@blp.response(200, SuppressionSchema())
@blp.problems(*ALERT_WORK, (404, "No such suppression for this tenant"))
def revoke(suppression_id: str) -> dict[str, Any]:
    """Revoke: the next screening of the subject counts the match again."""
    principal = current_principal()
    return suppression.revoke(get_auth().db, principal.tenant, suppression_id[:64], principal.ref)
