"""One monitor run: take what changed in the lists, re-screen only the customers it touches.

1. The versions loaded now are compared with the versions the last run saw (the first
   run starts from the versions the customers were screened against).
2. For each list that moved, :mod:`service.monitoring.changes` gives the entries added,
   changed and removed.
3. The added and changed entries are matched against the customer index
   (:mod:`service.monitoring.reverse`); the customers they could match are screened in
   full, recorded and alerted like any screening (:mod:`service.monitoring.screen`). A
   changed entry's new fingerprint lapses the suppressions keyed to the old one there.
4. Open alerts whose match was removed from its list get a ``match_delisted`` event.
5. The run is recorded (:mod:`service.monitoring.runs`) and ``run_completed`` is called
   with it (webhooks hang on there).

When a diff cannot be known (an older version no longer stored, customers screened
against mixed versions, or a new release of the service) the run re-screens the whole
book instead, so nothing is silently skipped.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from service import __version__
from service.alerts.store import ACTIVE, add_event
from service.core.model import Entity
from service.monitoring import book, runs
from service.monitoring.changes import ListChange, list_changes
from service.monitoring.reverse import customer_names, search_book
from service.monitoring.runs import RunReport, TenantCounts
from service.monitoring.screen import Monitoring, screen_customer
from service.records.canonical import now
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import Alert, Customer
from service.screening import Screener
from service.settings import Settings

log = logging.getLogger(__name__)

ACTOR = "monitor"
PAGE = 500

RunCompleted = Callable[[RunReport], None]


def run_monitor(
    settings: Settings,
    db: RecordsDatabase,
    catalog: Any | None = None,
    *,
    run_completed: RunCompleted | None = None,
    actor: str = ACTOR,
) -> RunReport:
    """One run over every tenant's book against ``catalog`` (default: load the lists)."""
    started, clock = now(), time.perf_counter()
    if catalog is None:
        from service.store import load_catalog

        catalog = load_catalog(settings)
    ctx = Monitoring(db, Screener(catalog, settings), settings)
    after = {k: s.version for k, s in catalog.snapshots.items()}
    previous = runs.last_run(db)
    before, why_full = _before(db, previous)
    report = RunReport(uuid.uuid4().hex, started, started, "unchanged", before, after, {})
    report.service_version = __version__
    if why_full is None and not before:
        report.mode = "baseline"  # nobody screened yet: nothing can have been missed
    elif why_full is None:
        changes = list_changes(settings, catalog.snapshots, before)
        report.changes = {c.list_id: c.summary() for c in changes}
        why_full = next((f"{c.list_id}: {c.full}" for c in changes if c.full), None)
        if why_full is None and changes:
            report.mode = "diff"
            _rescreen_changed(ctx, catalog, changes, report, actor)
        _note_delisted(db, changes, report, actor)
    if why_full is not None:
        report.mode = "full"
        report.changes["full_rescreen"] = why_full
        _rescreen(ctx, _all_ids(db), report, actor)
    report.finished_at, report.seconds = now(), time.perf_counter() - clock
    runs.record_run(db, report)
    log.info("monitoring run", extra=report.for_tenant(None))
    if run_completed is not None:
        run_completed(report)
    return report


def _before(db: RecordsDatabase, previous: RunReport | None) -> tuple[dict[str, str], str | None]:
    """The versions to diff from, or why the whole book must be re-screened."""
    if previous is not None:
        if previous.service_version != __version__:
            return previous.versions_after, (
                f"the service changed ({previous.service_version} -> {__version__}): "
                "matcher, rules or thresholds may decide differently"
            )
        return previous.versions_after, None
    seen = _screened_versions(db)
    if len(seen) > 1:
        return {}, "customers were screened against different list versions"
    return (seen[0] if seen else {}), None


def _screened_versions(db: RecordsDatabase) -> list[dict[str, str]]:
    stmt = select(Customer.list_versions).where(Customer.list_versions.is_not(None)).distinct()
    try:
        with db.engine.connect() as connection:
            return [json.loads(v) for v in connection.execute(stmt.limit(3)).scalars()]
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customer book cannot be read: {exc}") from exc


def affected_entities(catalog: Any, changes: Iterable[ListChange]) -> list[Entity]:
    """The loaded entries that were added or changed: what can create a new hit."""
    out: list[Entity] = []
    for change in changes:
        snap = catalog.snapshots.get(change.list_id)
        wanted = set(change.added) | set(change.changed)
        if snap is not None and wanted:
            out += [e for e in snap.entities if e.source_id in wanted]
    return out


def _rescreen_changed(
    ctx: Monitoring, catalog: Any, changes: list[ListChange], report: RunReport, actor: str
) -> None:
    entries = affected_entities(catalog, changes)
    if not entries:
        return
    candidates = search_book(customer_names(ctx.db), entries)
    report.candidates = len(candidates)
    _rescreen(ctx, sorted(candidates), report, actor)


def _rescreen(ctx: Monitoring, ids: list[int], report: RunReport, actor: str) -> None:
    """Screen these customers in full (each recorded, its alert opened or joined)."""
    for start in range(0, len(ids), PAGE):
        for row in _rows(ctx.db, ids[start : start + PAGE]):
            outcome = screen_customer(ctx, row.tenant, actor, book.data_of(row))
            counts = report.tenants.setdefault(row.tenant, TenantCounts())
            counts.rescreened += 1
            report.rescreened += 1
            if outcome.new_alert:
                counts.new_alerts += 1
                report.new_alerts += 1


def _rows(db: RecordsDatabase, ids: list[int]) -> list[Customer]:
    try:
        with db.session() as session:
            return list(session.scalars(select(Customer).where(Customer.id.in_(ids))))
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customer book cannot be read: {exc}") from exc


def _all_ids(db: RecordsDatabase) -> list[int]:
    try:
        with db.engine.connect() as connection:
            return list(connection.execute(select(Customer.id).order_by(Customer.id)).scalars())
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the customer book cannot be read: {exc}") from exc


def _note_delisted(
    db: RecordsDatabase, changes: list[ListChange], report: RunReport, actor: str
) -> None:
    """A ``match_delisted`` event on every open alert one of whose matches left its list."""
    gone = {c.list_id: set(c.removed) for c in changes if c.removed}
    whole = {c.list_id for c in changes if c.new_version is None}
    if not gone and not whole:
        return
    try:
        with db.engine.begin() as connection:
            for alert in _open_alerts_on(connection, set(gone) | whole):
                lost = _lost(json.loads(alert.matches), gone, whole)
                if not lost:
                    continue
                add_event(
                    connection,
                    tenant=alert.tenant,
                    alert_id=alert.alert_id,
                    event="match_delisted",
                    actor=actor,
                    at=now(),
                    entries=lost,
                    versions=report.versions_after,
                )
                report.tenants.setdefault(alert.tenant, TenantCounts()).delisted.append(
                    alert.alert_id
                )
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"delisted matches could not be noted: {exc}") from exc


def _open_alerts_on(connection: Any, list_ids: set[str]) -> list[Any]:
    stmt = select(Alert.alert_id, Alert.tenant, Alert.matches).where(Alert.status.in_(ACTIVE))
    found = []
    for list_id in sorted(list_ids):
        needle = Alert.lists.contains(f" {list_id} ", autoescape=True)
        found += connection.execute(stmt.where(needle)).all()
    return list({a.alert_id: a for a in found}.values())


def _lost(
    matches: list[Mapping[str, Any]], gone: Mapping[str, set[str]], whole: set[str]
) -> list[str]:
    return sorted(
        f"{m.get('list')}:{m.get('source_id')}"
        for m in matches
        if m.get("list") in whole or str(m.get("source_id")) in gone.get(str(m.get("list")), ())
    )
