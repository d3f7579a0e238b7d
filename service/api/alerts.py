"""``/v1/alerts``: the queue, one alert with its history, and the work on it.

Another tenant's alert answers 404. Illegal transitions answer 409 naming the current
status; the four-eyes rule answers 403.
"""

from __future__ import annotations

from typing import Any

from service.alerts import workflow
from service.alerts.store import AlertQuery, count_alerts, get_alert, list_alerts
from service.api.auth import current_principal, get_auth, requires
from service.api.blueprint import Blueprint
from service.api.schemas.alerts import (
    AlertPageSchema,
    AlertSchema,
    AlertsQuerySchema,
    ApprovalSchema,
    AssignSchema,
    DecisionSchema,
    PolicySchema,
    ReasonsSchema,
    TransitionSchema,
)
from service.api.state import get_state
from service.auth import APPROVE, MANAGE

blp = Blueprint("alerts", __name__, url_prefix="/v1", description="Alert work")

ALERT_WORK = ((401, "No valid credentials"), (403, "Role may not work alerts"))
"""Who may not work alerts (also ``/v1/suppressions``)."""
ON_AN_ALERT = (*ALERT_WORK, (404, "No such alert for this tenant"))
NOT_OPEN = (409, "Not open or in review (names the current status)")


def _actor() -> workflow.Actor:
    principal = current_principal()
    return workflow.Actor(principal.ref, principal.tenant)


@blp.route("/alerts", methods=["GET"])
@blp.arguments(AlertsQuerySchema(), location="query")
@blp.response(200, AlertPageSchema())
@blp.problems((400, "Invalid filter or cursor"), *ALERT_WORK)
def alerts(args: dict[str, Any]) -> dict[str, Any]:
    """The caller's tenant's alerts, by priority then due time, ``limit`` per page."""
    db, tenant = get_auth().db, current_principal().tenant
    items, next_cursor = list_alerts(db, tenant, AlertQuery(**args))
    return {"items": items, "next_cursor": next_cursor, "counts": count_alerts(db, tenant)}


@blp.route("/alerts/reasons", methods=["GET"])
@blp.response(200, ReasonsSchema())
@blp.problem(401, "No valid credentials")
def reasons() -> dict[str, Any]:
    """The reason codes a decision must carry (``SCREENING_ALERT_REASONS``)."""
    return {"reasons": list(get_state().settings.reason_codes), "outcomes": workflow.OUTCOMES}


@blp.route("/alerts/policy", methods=["GET"])
@blp.response(200, PolicySchema())
@blp.problem(401, "No valid credentials")
def policy() -> dict[str, Any]:
    """Which outcomes need an approver in the caller's tenant."""
    return {"approval": list(workflow.get_policy(get_auth().db, current_principal().tenant))}


@blp.route("/alerts/policy", methods=["PUT"])
@requires(MANAGE)
@blp.arguments(PolicySchema())
@blp.response(200, PolicySchema())
@blp.problem(400, "Unknown approval rule")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin sets the policy")
def set_policy(body: dict[str, Any]) -> dict[str, Any]:
    """Set which outcomes need an approver (on the audit chain)."""
    actor = _actor()
    workflow.set_policy(get_auth().db, actor.tenant, body["approval"], actor.ref)
    return {"approval": list(workflow.get_policy(get_auth().db, actor.tenant))}


@blp.route("/alerts/<alert_id>", methods=["GET"])
@blp.response(200, AlertSchema())
@blp.problem(401, "No valid credentials")
@blp.problem(404, "No such alert for this tenant")
def alert(alert_id: str) -> dict[str, Any]:
    """One alert: subject, decision, matches and rule hits as screened, every event."""
    found = get_alert(get_auth().db, current_principal().tenant, alert_id[:64])
    if found is None:
        raise workflow.AlertNotFound(f"No alert {alert_id}.")
    return found


@blp.route("/alerts/<alert_id>/assign", methods=["POST"])
@blp.arguments(AssignSchema())
@blp.response(200, TransitionSchema())
@blp.problems((400, "Invalid field"), *ON_AN_ALERT, NOT_OPEN)
def assign(body: dict[str, Any], alert_id: str) -> dict[str, Any]:
    """Take the alert (or give it to ``assignee``): it is in review."""
    workflow.assign(get_auth().db, _actor(), alert_id[:64], body["assignee"])
    return {"alert_id": alert_id, "status": "in_review"}


@blp.route("/alerts/<alert_id>/decision", methods=["POST"])
@blp.arguments(DecisionSchema())
@blp.response(200, TransitionSchema())
@blp.problems((400, "Unknown outcome or reason"), *ON_AN_ALERT, NOT_OPEN)
def decision(body: dict[str, Any], alert_id: str) -> dict[str, Any]:
    """Decide: closed, pending approval (four eyes), or escalated back to the queue."""
    settings = get_state().settings
    status = workflow.decide(
        get_auth().db,
        _actor(),
        alert_id[:64],
        outcome=body["outcome"],
        reason=body["reason"],
        note=body["note"],
        reasons=settings.reason_codes,
        suppression_days=settings.suppression_days,
    )
    return {"alert_id": alert_id, "status": status}


@blp.route("/alerts/<alert_id>/approval", methods=["POST"])
@requires(APPROVE)
@blp.arguments(ApprovalSchema())
@blp.response(200, TransitionSchema())
@blp.problem(400, "Invalid field")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Not an approver, or the analyst who decided")
@blp.problem(404, "No such alert for this tenant")
@blp.problem(409, "Not pending approval (names the current status)")
def approval(body: dict[str, Any], alert_id: str) -> dict[str, Any]:
    """Approve the decision (closed) or send it back to the analyst (in review)."""
    status = workflow.approve(
        get_auth().db,
        _actor(),
        alert_id[:64],
        approved=body["approve"],
        note=body["note"],
        suppression_days=get_state().settings.suppression_days,
    )
    return {"alert_id": alert_id, "status": status}
