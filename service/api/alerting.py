"""Where a screening meets alert work: suppressions applied before the answer, the alert
opened with the record.

The screening views call :func:`suppress` (single screening), :func:`suppress_party`
(each party of a transaction) and :func:`note_entries`
(what each matched list entry said, for fingerprints); :mod:`service.api.recording`
calls :func:`alert_writer` so the alert goes into the screening record's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import g, request
from sqlalchemy import Connection

from service.alerts import basis, suppression
from service.alerts.store import open_or_join
from service.alerts.subject import facets, subject_of
from service.api.auth import current_principal, get_auth
from service.api.state import get_state
from service.core.query import Match
from service.records.canonical import now
from service.rules.request import Party
from service.screening import ScreenRequest, ScreenResult


def note_entries(matches: Iterable[Match]) -> None:
    """Remember what each matched entry says, for the alert this answer may open."""
    seen = g.setdefault("entry_facets", {})
    for m in matches:
        seen.setdefault(m.entity.key, facets(m.entity))


def suppress(screen: ScreenRequest, result: ScreenResult) -> ScreenResult:
    """The answer with this subject's cleared false positives marked and ignored."""
    key = subject_of(screen)
    active = suppression.find_active(get_auth().db, current_principal().tenant, key)
    result, changes = suppression.apply(result, active, get_state().settings)
    g.alert_changes = changes
    note_entries(result.matches)
    return result


def suppress_party(party: Party, matches: list[Match]) -> list[Match]:
    """A transaction party's matches with its cleared false positives marked (the same
    suppressions as ``/v1/screen`` and batches: one subject, one memory)."""
    active = suppression.find_active(get_auth().db, current_principal().tenant, subject_of(party))
    shown, changes = suppression.mark(matches, active)
    g.alert_changes = [*g.get("alert_changes", []), *(dict(c, party=party.id) for c in changes)]
    return shown


def alert_writer(kind: str, answer: dict[str, Any]) -> Callable[[Connection], None] | None:
    """What to write beside the record: the alert a non-clear answer opens, or nothing."""
    body = request.get_json(silent=True)
    new = basis.from_screening(
        kind,
        body if isinstance(body, dict) else {},
        answer,
        g.get("entry_facets", {}),
        g.get("alert_changes", []),
    )
    if new is None:
        return None
    principal = current_principal()
    levels = get_state().settings.service_levels

    def write(connection: Connection) -> None:
        g.alert_id = open_or_join(
            connection,
            new,
            tenant=principal.tenant,
            actor=principal.ref,
            at=now(),
            service_levels=levels,
        )

    return write
