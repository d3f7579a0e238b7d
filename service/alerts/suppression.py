"""Known false positives ("good guys"): a cleared match stays cleared for that subject
while the list entry says what it said when it was cleared.

A suppression is (tenant, subject key, list, source id, fingerprint). On the screening
path one indexed query (tenant, subject key) fetches the subject's live suppressions;
nothing is cached, so a revocation counts from the next screening. A match whose entry
still has the suppressed fingerprint is returned marked ``suppressed`` and the decision
ignores it; an entry whose fingerprint changed is not suppressed, and the new alert says
what changed since it was cleared.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from service.alerts.store import add_event
from service.alerts.subject import changed_facets, facets, fingerprint
from service.core.query import Match
from service.records.canonical import iso, now, utc
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import Alert, Suppression
from service.screening.decision import name_reasons, worst_of
from service.screening.transaction import is_suppressed

DEFAULT_DAYS = 365


class SuppressionNotFound(LookupError):
    """No such suppression in the caller's tenant."""


@dataclass(frozen=True)
class Active:
    """A live suppression as the screening path needs it."""

    suppression_id: str
    list: str
    source_id: str
    fingerprint: str
    facets: dict[str, list[str]]
    alert_id: str
    decided_by: str
    decided_at: datetime
    approved_by: str | None
    expires_at: datetime

    def mark(self) -> dict[str, Any]:
        return {
            "suppression_id": self.suppression_id,
            "alert_id": self.alert_id,
            "decided_by": self.decided_by,
            "decided_at": iso(utc(self.decided_at)),
            "approved_by": self.approved_by,
            "expires_at": iso(utc(self.expires_at)),
        }


@dataclass(frozen=True)
class SuppressedMatch(Match):
    """A match the decision ignores, with the suppression that says why."""

    suppressed: Mapping[str, Any] | None = None
    target_id: str | None = None
    """The target the match lists, kept from the answer's match (additive field)."""


def find_active(db: RecordsDatabase, tenant: str, subject_key: str) -> list[Active]:
    """The subject's live suppressions: one query on ``ix_suppressions_subject``."""
    at = now()
    try:
        with db.session() as session:
            rows = session.scalars(
                select(Suppression).where(
                    Suppression.tenant == tenant,
                    Suppression.subject_key == subject_key,
                    Suppression.revoked_at.is_(None),
                    Suppression.expires_at > at,
                )
            ).all()
    except SQLAlchemyError as exc:  # unknown suppressions: never guess, answer 503
        raise RecordsUnavailable(f"the suppressions could not be read: {exc}") from exc
    return [
        Active(
            r.suppression_id,
            r.list,
            r.source_id,
            r.fingerprint,
            json.loads(r.facets),
            r.alert_id,
            r.decided_by,
            r.decided_at,
            r.approved_by,
            r.expires_at,
        )  # fmt: skip
        for r in rows
    ]


def mark(matches: Sequence[Match], active: Sequence[Active]) -> tuple[list[Match], list[dict]]:
    """``matches`` with those still saying what was cleared replaced by a
    :class:`SuppressedMatch`, and the changes of entries whose suppression lapsed because
    they now say something else."""
    by_entry = {(a.list, a.source_id): a for a in active}
    shown, changes = [], []
    for m in matches:
        found = by_entry.get((m.entity.list, m.entity.source_id))
        said = facets(m.entity) if found else None
        if found is not None and fingerprint(m.entity, said) == found.fingerprint:
            shown.append(SuppressedMatch(**_fields(m), suppressed=found.mark()))
            continue
        if found is not None:
            changes.append(
                {
                    "list": m.entity.list,
                    "source_id": m.entity.source_id,
                    "suppression_id": found.suppression_id,
                    "cleared_in": found.alert_id,
                    "changed": changed_facets(found.facets, said or {}),
                }
            )
        shown.append(m)
    return shown, changes


def apply(result: Any, active: Sequence[Active], settings: Any) -> tuple[Any, list[dict]]:
    """``result`` (a ScreenResult) with suppressed matches marked and ignored, and the
    changes of entries whose suppression lapsed (:func:`mark`)."""
    if not active:
        return result, []
    shown, changes = mark(result.matches, active)
    muted = [m for m in shown if is_suppressed(m)]
    if not muted:
        return result, changes
    live = [m for m in shown if not is_suppressed(m)]
    others = [r for r in result.reasons if r.get("code") not in ("name_match", "no_match")]
    reasons = (
        *name_reasons(live, tuple(result.lists), settings),
        *others,
        {
            "code": "suppressed",
            "decision": "clear",
            "message": f"{len(muted)} match(es) ignored: cleared as false positives for this "
            "subject while the list entry is unchanged ("
            + ", ".join(f"{m.entity.list}:{m.entity.source_id}" for m in muted)
            + ").",
            "suppressions": [m.suppressed["suppression_id"] for m in muted],  # type: ignore[attr-defined]
        },
    )
    return replace(result, matches=tuple(shown), reasons=reasons, decision=worst_of(reasons)), (
        changes
    )


def _fields(m: Match) -> dict[str, Any]:
    return {
        "entity": m.entity,
        "matched_name": m.matched_name,
        "score": m.score,
        "ofac_score": m.ofac_score,
        "explanation": m.explanation,
        "target_id": getattr(m, "target_id", None),
    }


def create_for(
    connection: Connection,
    alert: Alert,
    *,
    decided_by: str,
    decided_at: datetime | None,
    approved_by: str | None = None,
    days: int = DEFAULT_DAYS,
) -> list[str]:
    """One suppression per list entry of a closed false positive (inside its transaction).

    The subject is the alert's, or for a transaction party's match that party (the match
    carries its ``subject``): a payment is not a customer, its payee is."""
    at = now()
    made = []
    for match in json.loads(alert.matches):
        if match.get("suppressed") or not match.get("fingerprint"):
            continue
        sid = f"sup_{uuid.uuid4().hex}"
        party = match.get("subject") or {}
        connection.execute(
            insert(Suppression),
            {
                "suppression_id": sid,
                "tenant": alert.tenant,
                "subject_key": party.get("key") or alert.subject_key,
                "subject_name": str(party.get("name") or alert.subject_name)[:512],
                "customer_id": party["customer_id"] if party else alert.customer_id,
                "list": str(match["list"]),
                "source_id": str(match["source_id"]),
                "fingerprint": match["fingerprint"],
                "facets": json.dumps(match.get("facets") or {}, sort_keys=True),
                "alert_id": alert.alert_id,
                "decided_by": decided_by,
                "decided_at": decided_at or at,
                "approved_by": approved_by,
                "created_at": at,
                "expires_at": at + timedelta(days=days),
            },
        )
        add_event(
            connection, tenant=alert.tenant, alert_id=alert.alert_id, event="suppressed",
            actor=approved_by or decided_by, at=at, suppression_id=sid,
            list=match["list"], source_id=match["source_id"], fingerprint=match["fingerprint"],
        )  # fmt: skip
        made.append(sid)
    return made


def list_suppressions(
    db: RecordsDatabase, tenant: str, *, active_only: bool = True, limit: int = 200
) -> list[dict[str, Any]]:
    stmt = select(Suppression).where(Suppression.tenant == tenant)
    if active_only:
        stmt = stmt.where(Suppression.revoked_at.is_(None), Suppression.expires_at > now())
    with db.session() as session:
        rows = session.scalars(stmt.order_by(Suppression.id.desc()).limit(limit)).all()
    return [_public(r) for r in rows]


def revoke(db: RecordsDatabase, tenant: str, suppression_id: str, actor: str) -> dict[str, Any]:
    at = now()
    with db.engine.begin() as connection:
        done = connection.execute(
            update(Suppression)
            .where(
                Suppression.suppression_id == suppression_id,
                Suppression.tenant == tenant,
                Suppression.revoked_at.is_(None),
            )
            .values(revoked_at=at, revoked_by=actor)
        )
        row = connection.execute(
            select(Suppression).where(
                Suppression.suppression_id == suppression_id, Suppression.tenant == tenant
            )
        ).first()
        if row is None:
            raise SuppressionNotFound(f"No suppression {suppression_id}.")
        if done.rowcount:
            add_event(
                connection, tenant=tenant, alert_id=row.alert_id, event="suppression_revoked",
                actor=actor, at=at, suppression_id=suppression_id,
            )  # fmt: skip
    return _public(row)  # type: ignore[arg-type]


def alert_subject(db: RecordsDatabase, tenant: str, alert_id: str) -> str | None:
    with db.session() as session:
        return session.scalar(
            select(Alert.subject_key).where(Alert.tenant == tenant, Alert.alert_id == alert_id)
        )


def _public(r: Suppression) -> dict[str, Any]:
    return {
        "suppression_id": r.suppression_id,
        "subject": {"name": r.subject_name, "customer_id": r.customer_id},
        "list": r.list,
        "source_id": r.source_id,
        "fingerprint": r.fingerprint,
        "alert_id": r.alert_id,
        "decided_by": r.decided_by,
        "decided_at": iso(utc(r.decided_at)),
        "approved_by": r.approved_by,
        "created_at": iso(utc(r.created_at)),
        "expires_at": iso(utc(r.expires_at)),
        "revoked_at": iso(utc(r.revoked_at)) if r.revoked_at else None,
        "revoked_by": r.revoked_by,
    }
