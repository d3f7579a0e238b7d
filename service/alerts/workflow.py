"""Working an alert: assign, decide, approve. One transition table, four eyes, the chain.

    open --assign--> in_review --decision--> closed | pending_approval | open (escalate)
    pending_approval --approval(approve)--> closed,  --approval(send back)--> in_review

Which outcomes need a second pair of eyes is the tenant's policy (default: every
``true_match``, and a ``false_positive`` on an alert whose decision was ``block``). Only
someone other than the analyst who decided may approve or send back. A closed false
positive suppresses its matches for its subject (:mod:`service.alerts.suppression`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from service.alerts import suppression
from service.alerts.store import PRIORITY_RANK, add_event, adjust_counts, announce
from service.records.canonical import now
from service.records.db import RecordsDatabase
from service.records.models import Alert, AlertPolicy
from service.webhooks.events import ALERT_CLOSED

OUTCOMES = ("false_positive", "true_match", "escalate")
APPROVAL_RULES = ("true_match", "false_positive", "false_positive_on_block")
DEFAULT_APPROVAL = ("true_match", "false_positive_on_block")
DEFAULT_REASONS = (
    "name_only_match",
    "different_date_of_birth",
    "different_country",
    "different_entity_type",
    "different_identifier",
    "confirmed_listed",
    "other",
)


class AlertNotFound(LookupError):
    """No such alert in the caller's tenant (another tenant's is not found either)."""


class IllegalTransition(Exception):
    """The alert's status does not allow this; the message names the current status."""

    field = "status"


class InvalidDecision(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class FourEyes(Exception):
    """The approver is the analyst who decided."""


@dataclass(frozen=True)
class Actor:
    """Who acts: the principal's reference and the tenant it acts in."""

    ref: str
    tenant: str


def get_policy(db: RecordsDatabase, tenant: str) -> tuple[str, ...]:
    with db.session() as session:
        row = session.get(AlertPolicy, tenant)
        return tuple(json.loads(row.approval)) if row else DEFAULT_APPROVAL


def set_policy(db: RecordsDatabase, tenant: str, approval: Sequence[str], actor: str) -> None:
    unknown = sorted(set(approval) - set(APPROVAL_RULES))
    if unknown:
        raise InvalidDecision("approval", f"Unknown approval rule(s) {unknown}.")
    value = json.dumps(sorted(set(approval)))
    with db.engine.begin() as connection:
        maker = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        stmt = maker(AlertPolicy).values(tenant=tenant, approval=value)
        connection.execute(
            stmt.on_conflict_do_update(index_elements=["tenant"], set_={"approval": value})
        )
        add_event(
            connection, tenant=tenant, alert_id="policy", event="policy", actor=actor,
            at=now(), approval=sorted(set(approval)),
        )  # fmt: skip


def assign(db: RecordsDatabase, actor: Actor, alert_id: str, assignee: str | None) -> None:
    who = assignee or actor.ref
    with db.engine.begin() as connection:
        row = _locked(connection, actor.tenant, alert_id)
        _require(row, ("open", "in_review"), "assign")
        _move(connection, row, "in_review", event="assigned", actor=actor, assignee=who)


def decide(
    db: RecordsDatabase,
    actor: Actor,
    alert_id: str,
    *,
    outcome: str,
    reason: str,
    note: str,
    reasons: Sequence[str],
    suppression_days: int,
) -> str:
    """Record an analyst's outcome; returns the alert's new status."""
    if outcome not in OUTCOMES:
        raise InvalidDecision("outcome", f"outcome must be one of {', '.join(OUTCOMES)}.")
    if reason not in reasons:
        raise InvalidDecision("reason", f"reason must be one of {', '.join(reasons)}.")
    policy = get_policy(db, actor.tenant)
    at = now()
    with db.engine.begin() as connection:
        row = _locked(connection, actor.tenant, alert_id)
        _require(row, ("open", "in_review"), "decide")
        details = {"outcome": outcome, "reason": reason, "note": note}
        if outcome == "escalate":
            return _move(
                connection, row, "open", event="escalated", actor=actor, at=at,
                priority="high", assignee=None, **details,
            )  # fmt: skip
        status = "pending_approval" if _needs_approval(outcome, row, policy) else "closed"
        connection.execute(
            update(Alert)
            .where(Alert.id == row.id)
            .values(outcome=outcome, reason=reason, decided_by=actor.ref, decided_at=at)
        )
        _move(connection, row, status, event="decided", actor=actor, at=at, **details)
        if status == "closed" and outcome == "false_positive":
            suppression.create_for(
                connection, row, decided_by=actor.ref, decided_at=at, days=suppression_days
            )
        if status == "closed":
            announce(connection, row.alert_id, ALERT_CLOSED)
        return status


def approve(
    db: RecordsDatabase,
    actor: Actor,
    alert_id: str,
    *,
    approved: bool,
    note: str,
    suppression_days: int,
) -> str:
    with db.engine.begin() as connection:
        row = _locked(connection, actor.tenant, alert_id)
        _require(row, ("pending_approval",), "approve")
        if row.decided_by == actor.ref:
            raise FourEyes("The analyst who decided may not approve their own decision.")
        at = now()
        if approved:
            _move(connection, row, "closed", event="approved", actor=actor, at=at, note=note,
                  outcome=row.outcome, reason=row.reason)  # fmt: skip
            if row.outcome == "false_positive":
                suppression.create_for(
                    connection, row, decided_by=row.decided_by or "", decided_at=row.decided_at,
                    approved_by=actor.ref, days=suppression_days,
                )  # fmt: skip
            announce(connection, row.alert_id, ALERT_CLOSED)
            return "closed"
        connection.execute(
            update(Alert)
            .where(Alert.id == row.id)
            .values(outcome=None, reason=None, decided_at=None)
        )
        return _move(connection, row, "in_review", event="sent_back", actor=actor, at=at,
                     note=note, outcome=row.outcome, assignee=row.decided_by)  # fmt: skip


def _needs_approval(outcome: str, row: Alert, policy: Sequence[str]) -> bool:
    if outcome in policy:
        return True
    return (
        outcome == "false_positive"
        and row.decision == "block"
        and ("false_positive_on_block" in policy)
    )


def _locked(connection: Connection, tenant: str, alert_id: str) -> Alert:
    """The alert's row, locked until commit (PostgreSQL) so two decisions cannot race."""
    stmt = select(Alert).where(Alert.alert_id == alert_id, Alert.tenant == tenant)
    if connection.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = connection.execute(stmt).first()
    if row is None:
        raise AlertNotFound(f"No alert {alert_id}.")
    return row  # type: ignore[return-value]


def _require(row: Alert, allowed: tuple[str, ...], action: str) -> None:
    if row.status not in allowed:
        raise IllegalTransition(
            f"Cannot {action} alert {row.alert_id}: its status is {row.status} "
            f"(needs {' or '.join(allowed)})."
        )


def _move(
    connection: Connection,
    row: Alert,
    to: str,
    *,
    event: str,
    actor: Actor,
    at: datetime | None = None,
    priority: str | None = None,
    **details: object,
) -> str:
    """Change the alert's status (and priority, when given) and its tenant's counts with
    it, in the caller's transaction, and chain the event."""
    at = at or now()
    rank = row.priority_rank if priority is None else PRIORITY_RANK[priority]
    values: dict[str, object] = {"status": to, "updated_at": at}
    if priority is not None:
        values.update(priority=priority, priority_rank=rank)
    if "assignee" in details:
        values["assignee"] = details["assignee"]
    # The status and priority as read in the WHERE make a concurrent change on SQLite
    # (no row lock) lose cleanly, and the counts' deltas below exact: the row moved from
    # just that (status, rank), even after an escalation and back (ABA) meanwhile.
    done = connection.execute(
        update(Alert)
        .where(
            Alert.id == row.id,
            Alert.status == row.status,
            Alert.priority_rank == row.priority_rank,
        )
        .values(**values)
    )
    if done.rowcount != 1:
        raise IllegalTransition(f"Alert {row.alert_id} changed meanwhile; reload it.")
    moved = {(row.status, row.priority_rank): -1}
    moved[(to, rank)] = moved.get((to, rank), 0) + 1
    adjust_counts(connection, row.tenant, moved)
    add_event(
        connection, tenant=actor.tenant, alert_id=row.alert_id, event=event, actor=actor.ref,
        at=at, **{"from": row.status, "to": to}, **details,
    )  # fmt: skip
    return to
