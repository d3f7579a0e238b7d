"""Screen one customer exactly as ``POST /v1/screen`` does, outside any request.

The same :class:`~service.screening.Screener`, the subject's suppressions applied the
same way, the answer recorded as a screening (kind ``monitoring``) with its chain link,
and a non-clear answer opening an alert with source ``monitoring`` (or joining the
subject's open one) in the record's transaction, together with the customer's row. If
any of it cannot be written nothing is, and :class:`RecordsUnavailable` is raised.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from service import __version__
from service.alerts import basis, suppression
from service.alerts.store import open_or_join
from service.alerts.subject import facets, fingerprint, subject_key
from service.monitoring import book
from service.monitoring.book import CustomerData, Screened, save
from service.records.canonical import now
from service.records.db import RecordsDatabase
from service.records.models import Alert
from service.records.screenings import NewScreening, record_screening
from service.screening import Screener, ScreenRequest, ScreenResult
from service.settings import Settings

KIND = "monitoring"


@dataclass(frozen=True)
class Monitoring:
    """What screening a customer needs: the records store, the screener, the settings."""

    db: RecordsDatabase
    screener: Screener
    settings: Settings


@dataclass(frozen=True)
class Outcome:
    """One customer screened: the record, the decision, and the alert it opened or joined."""

    screening_id: str
    decision: str
    alert_id: str | None = None
    new_alert: bool = False
    entries: frozenset[str] = frozenset()
    """``list:source_id`` of every live (not suppressed) match."""
    result: ScreenResult | None = None
    """The answer with suppressions applied (for a batch's results row)."""


def request_of(data: CustomerData) -> ScreenRequest:
    return ScreenRequest(
        name=data.name,
        entity_type=data.entity_type,
        country=data.country,
        date_of_birth=data.date_of_birth,
        identifiers=tuple(data.identifiers),
        customer_id=data.customer_id,
    )


def screen_customer(
    ctx: Monitoring, tenant: str, actor: str, data: CustomerData, *, keep: bool = True
) -> Outcome:
    """Screen ``data``, record it, open or join its alert; ``keep`` also writes the
    customer's row (with this screening) in the same transaction."""
    received = now()
    result = ctx.screener.screen(request_of(data))
    key = subject_key(
        customer_id=data.customer_id,
        name=data.name,
        entity_type=data.entity_type,
        date_of_birth=data.date_of_birth,
        country=data.country,
    )
    result, changes = suppression.apply(
        result, suppression.find_active(ctx.db, tenant, key), ctx.settings
    )
    answer = answer_of(result)
    body = {**data.screened_content(), "customer_id": data.customer_id}
    said = {m.entity.key: facets(m.entity) for m in result.matches}
    new = basis.from_screening(KIND, body, answer, said, changes)
    opened: dict[str, Any] = {}
    versions = {k: v.get("version") for k, v in result.lists.items()}

    def also(connection: Connection) -> None:
        if new is not None:
            alert_id = open_or_join(
                connection,
                new,
                tenant=tenant,
                actor=actor,
                at=now(),
                service_levels=ctx.settings.service_levels,
            )
            opened["alert_id"] = alert_id
            opened["new"] = _is_new(connection, alert_id, result.screening_id)
        if keep:
            screened = Screened(result.screening_id, result.decision, received, versions)
            save(connection, tenant, data, received, screened)

    record_screening(
        ctx.db,
        NewScreening(
            screening_id=result.screening_id,
            kind=KIND,
            tenant=tenant,
            principal=actor,
            received_at=received,
            answered_at=now(),
            request=json.dumps(body, ensure_ascii=False, sort_keys=True),
            response=json.dumps(answer, ensure_ascii=False, default=str),
            decision=result.decision,
            list_versions=versions,
            reference_version=_reference_version(result),
            service_version=__version__,
            subjects=(data.name,),
            customer_id=data.customer_id,
        ),
        also,
    )
    live = frozenset(m.entity.key for m in result.matches if not getattr(m, "suppressed", None))
    return Outcome(
        result.screening_id,
        result.decision,
        opened.get("alert_id"),
        bool(opened.get("new")),
        live,
        result,
    )


def _reference_version(result: ScreenResult) -> str:
    reference = (result.versions or {}).get("reference") or {}
    return str(reference.get("version") or "")


def _is_new(connection: Connection, alert_id: str, screening_id: str) -> bool:
    """Did this screening open the alert (rather than join an open one)?"""
    opened_by = connection.execute(
        select(Alert.screening_id).where(Alert.alert_id == alert_id)
    ).scalar()
    return opened_by == screening_id


def answer_of(result: ScreenResult) -> dict[str, Any]:
    """The screening's answer as recorded: the fields ``/v1/screen`` answers with."""
    return {
        "screening_id": result.screening_id,
        "decision": result.decision,
        "matches": [_match(m) for m in result.matches],
        "reasons": [dict(r) for r in result.reasons],
        "lists": {k: dict(v) for k, v in result.lists.items()},
        "screened_at": result.screened_at,
        "versions": result.versions,
    }


def _match(m: Any) -> dict[str, Any]:
    item = {
        "list": m.entity.list,
        "source_id": m.entity.source_id,
        "name": m.entity.name,
        "matched_name": m.matched_name,
        "score": m.score,
        "ofac_score": m.ofac_score,
        "entity_type": m.entity.entity_type,
        "programs": list(m.entity.programs),
        "countries": list(m.entity.countries),
        "fingerprint": fingerprint(m.entity),
        "explanation": dict(m.explanation),
    }
    target = getattr(m, "target_id", None)
    if target:
        item["target_id"] = target
    if getattr(m, "suppressed", None):
        item["suppressed"] = dict(m.suppressed)
    return item


def put_customer(
    ctx: Monitoring, tenant: str, actor: str, data: CustomerData
) -> tuple[dict[str, Any], Outcome | None]:
    """Add or change a customer: screened at once unless what screening reads is the
    same as when it was last screened (then only the free fields are kept)."""
    row = book.current(ctx.db, tenant, data.customer_id)
    if row is not None and row.screening_id and row.content_hash == data.content_hash():
        book.save_fields(ctx.db, tenant, data, now())
        return book.get_customer(ctx.db, tenant, data.customer_id), None
    outcome = screen_customer(ctx, tenant, actor, data)
    return book.get_customer(ctx.db, tenant, data.customer_id), outcome
