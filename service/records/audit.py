"""Operator tasks on the record: verify the chains, purge past retention, export.

These back ``screening audit verify|purge|export``. A purge removes the oldest part of
a tenant's chain and leaves a checkpoint (the last removed link's position and hash,
signed with the server secret) that the remaining chain verifies from; it refuses to
purge a chain that does not verify, so a purge can never hide tampering.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from service.records import chain
from service.records.canonical import iso, now, utc
from service.records.db import RecordsDatabase
from service.records.models import AuditEvent, ChainHead, Checkpoint, IdempotencyKey, Screening
from service.spreadsheet import escape_cell

EXPORT_COLUMNS = (
    "screening_id",
    "tenant",
    "kind",
    "principal",
    "received_at",
    "answered_at",
    "decision",
    "customer_id",
    "list_versions",
    "ruleset_version",
    "reference_version",
    "service_version",
    "request",
    "response",
    "chain_seq",
    "chain_hash",
)


def verify(
    db: RecordsDatabase, secret: bytes, tenant: str | None = None
) -> list[chain.ChainReport]:
    """One report per tenant (or only ``tenant``), each stopping at its first bad link."""
    with db.session() as session:
        tenants = [tenant] if tenant else chain.tenants_with_chains(session)
        return [chain.verify_chain(session, name, secret) for name in tenants]


@dataclass(frozen=True)
class PurgeReport:
    tenant: str
    purged_links: int
    purged_screenings: int
    checkpoint_seq: int | None


class ChainBroken(RuntimeError):
    """A purge was refused because the chain does not verify."""


def purge(
    db: RecordsDatabase, secret: bytes, cutoff: datetime, tenant: str | None = None
) -> list[PurgeReport]:
    """Remove every link (and screening) before ``cutoff``, leaving signed checkpoints."""
    reports = []
    for report in verify(db, secret, tenant):
        if not report.ok:
            raise ChainBroken(f"tenant {report.tenant}: {report.problem}; nothing was purged")
        reports.append(_purge_tenant(db, secret, report.tenant, utc(cutoff)))
    return reports


def _purge_tenant(db: RecordsDatabase, secret: bytes, tenant: str, cutoff: datetime) -> PurgeReport:
    with db.session() as session:
        first_kept = session.scalar(
            select(func.min(AuditEvent.seq)).where(
                AuditEvent.tenant == tenant, AuditEvent.at >= cutoff
            )
        )
        if first_kept is None:
            last = session.scalar(select(ChainHead.seq).where(ChainHead.tenant == tenant)) or 0
        else:
            last = first_kept - 1
        doomed = select(AuditEvent).where(AuditEvent.tenant == tenant, AuditEvent.seq <= last)
        links = list(session.scalars(doomed.order_by(AuditEvent.seq)))
        if not links:
            return PurgeReport(tenant, 0, 0, None)
        screening_ids = [
            link.record_id
            for link in links
            if link.record_type == "screening" and link.event == "created"
        ]
        for start in range(0, len(screening_ids), 500):
            part = screening_ids[start : start + 500]
            session.execute(
                delete(IdempotencyKey).where(
                    IdempotencyKey.tenant == tenant, IdempotencyKey.screening_id.in_(part)
                )
            )
            session.execute(delete(Screening).where(Screening.screening_id.in_(part)))
        session.execute(
            delete(AuditEvent).where(AuditEvent.tenant == tenant, AuditEvent.seq <= last)
        )
        checkpoint = Checkpoint(
            tenant=tenant,
            seq=links[-1].seq,
            hash=links[-1].hash,
            purged=len(links),
            created_at=now(),
        )
        checkpoint.signature = chain.checkpoint_signature(secret, checkpoint)
        session.add(checkpoint)
        return PurgeReport(tenant, len(links), len(screening_ids), checkpoint.seq)


def export(
    db: RecordsDatabase,
    since: datetime | None,
    until: datetime | None,
    fmt: str = "jsonl",
    tenant: str | None = None,
) -> Iterator[str]:
    """Every screening received in [since, until), as JSON lines or CSV, for an examiner.

    JSON lines carry every value exactly. CSV is for a spreadsheet, so a cell that one
    would run as a formula (a customer id or principal starting with ``=``, say) gets a
    leading single quote (``service.spreadsheet``).
    """
    query = select(Screening, AuditEvent.seq, AuditEvent.hash).outerjoin(
        AuditEvent,
        (AuditEvent.record_id == Screening.screening_id)
        & (AuditEvent.record_type == "screening")
        & (AuditEvent.event == "created"),
    )
    if tenant:
        query = query.where(Screening.tenant == tenant)
    if since:
        query = query.where(Screening.received_at >= utc(since))
    if until:
        query = query.where(Screening.received_at < utc(until))
    query = query.order_by(Screening.id).execution_options(yield_per=500)
    if fmt == "csv":
        yield _csv_line(EXPORT_COLUMNS)
    with db.session() as session:
        for row, seq, link_hash in session.execute(query):
            record = _export_record(row, seq, link_hash)
            if fmt == "csv":
                yield _csv_line([escape_cell(_cell(record[c])) for c in EXPORT_COLUMNS])
            else:
                yield json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def _export_record(row: Screening, seq: int | None, link_hash: str | None) -> dict:
    return {
        "screening_id": row.screening_id,
        "tenant": row.tenant,
        "kind": row.kind,
        "principal": row.principal,
        "received_at": iso(row.received_at),
        "answered_at": iso(row.answered_at),
        "decision": row.decision,
        "customer_id": row.customer_id,
        "list_versions": json.loads(row.list_versions),
        "ruleset_version": row.ruleset_version,
        "reference_version": row.reference_version,
        "service_version": row.service_version,
        "request": row.request,
        "response": row.response,
        "chain_seq": seq,
        "chain_hash": link_hash,
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def _csv_line(values) -> str:  # noqa: ANN001 - a sequence of cells
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()
