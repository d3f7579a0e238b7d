"""Every monitor run on record: when, which list versions, what it re-screened and found.

A run covers every tenant's book; ``tenants`` keeps each tenant's own counts, and a
tenant reading ``GET /v1/monitoring/runs`` sees the run with only its numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError

from service.monitoring.book import InvalidCustomerCursor
from service.records.canonical import iso
from service.records.db import RecordsDatabase, RecordsUnavailable
from service.records.models import MonitoringRun
from service.records.screenings import InvalidCursor, decode_cursor, encode_cursor

MAX_PAGE = 200


@dataclass
class TenantCounts:
    rescreened: int = 0
    new_alerts: int = 0
    delisted: list[str] = field(default_factory=list)
    """Open alerts one of whose matches left the lists."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "rescreened": self.rescreened,
            "new_alerts": self.new_alerts,
            "delisted": list(self.delisted),
        }


@dataclass
class RunReport:
    """One run, as recorded and as handed to a ``run_completed`` callback."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    mode: str
    versions_before: dict[str, str]
    versions_after: dict[str, str]
    changes: dict[str, Any]
    candidates: int = 0
    rescreened: int = 0
    new_alerts: int = 0
    tenants: dict[str, TenantCounts] = field(default_factory=dict)
    service_version: str = ""
    seconds: float = 0.0

    def for_tenant(self, tenant: str | None = None) -> dict[str, Any]:
        """The run as a tenant sees it (``None``: every tenant's numbers added up)."""
        mine = self.tenants.get(tenant) if tenant else None
        counts = (mine or TenantCounts()).as_dict() if tenant else {
            "rescreened": self.rescreened,
            "new_alerts": self.new_alerts,
            "delisted": [a for t in self.tenants.values() for a in t.delisted],
        }  # fmt: skip
        return {
            "run_id": self.run_id,
            "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at),
            "mode": self.mode,
            "versions_before": self.versions_before,
            "versions_after": self.versions_after,
            "changes": self.changes,
            **counts,
            "seconds": round(self.seconds, 3),
            "service_version": self.service_version,
        }


def record_run(db: RecordsDatabase, report: RunReport) -> None:
    row = {
        "run_id": report.run_id,
        "started_at": report.started_at,
        "finished_at": report.finished_at,
        "mode": report.mode,
        "versions_before": json.dumps(report.versions_before, sort_keys=True),
        "versions_after": json.dumps(report.versions_after, sort_keys=True),
        "changes": json.dumps(report.changes, sort_keys=True),
        "candidates": report.candidates,
        "rescreened": report.rescreened,
        "new_alerts": report.new_alerts,
        "tenants": json.dumps({t: c.as_dict() for t, c in report.tenants.items()}),
        "service_version": report.service_version,
        "seconds": report.seconds,
    }
    try:
        with db.engine.begin() as connection:
            connection.execute(insert(MonitoringRun), row)
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the monitoring run could not be recorded: {exc}") from exc


def last_run(db: RecordsDatabase) -> RunReport | None:
    stmt = select(MonitoringRun).order_by(MonitoringRun.id.desc()).limit(1)
    rows = _read(db, stmt)
    return _report(rows[0]) if rows else None


def list_runs(
    db: RecordsDatabase, tenant: str, limit: int = 50, cursor: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first, as ``tenant`` sees them, and the next page's cursor."""
    limit = max(1, min(limit, MAX_PAGE))
    stmt = select(MonitoringRun)
    if cursor:
        try:
            stmt = stmt.where(MonitoringRun.id < decode_cursor(cursor))
        except InvalidCursor as exc:
            raise InvalidCustomerCursor(str(exc)) from exc
    rows = _read(db, stmt.order_by(MonitoringRun.id.desc()).limit(limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].id) if more and rows else None
    return [_report(r).for_tenant(tenant) for r in rows], next_cursor


def _read(db: RecordsDatabase, stmt: Any) -> list[MonitoringRun]:
    try:
        with db.session() as session:
            return list(session.scalars(stmt))
    except SQLAlchemyError as exc:
        raise RecordsUnavailable(f"the monitoring runs cannot be read: {exc}") from exc


def _report(row: MonitoringRun) -> RunReport:
    return RunReport(
        run_id=row.run_id,
        started_at=row.started_at,
        finished_at=row.finished_at,
        mode=row.mode,
        versions_before=json.loads(row.versions_before),
        versions_after=json.loads(row.versions_after),
        changes=json.loads(row.changes),
        candidates=row.candidates,
        rescreened=row.rescreened,
        new_alerts=row.new_alerts,
        tenants={t: TenantCounts(**c) for t, c in json.loads(row.tenants).items()},
        service_version=row.service_version,
        seconds=row.seconds,
    )
