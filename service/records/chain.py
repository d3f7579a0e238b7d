"""The per-tenant hash chain: append a link, and verify a whole chain.

Each link's hash covers its header (tenant, position, time, what happened to which
record, who did it), the SHA-256 of its content and the previous link's hash. Changing,
deleting or inserting anything, a single byte of a stored request included, breaks the
chain at that record. Appends are serialised per tenant by the ``UPDATE`` of the
tenant's :class:`ChainHead` row (a row lock in PostgreSQL, the write lock in SQLite), so
concurrent workers never fork a chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from service.records.canonical import GENESIS, canonical_json, hmac_hex, iso, sha256_hex
from service.records.models import AuditEvent, ChainHead, Checkpoint, Screening

SCREENING_FIELDS = (
    "screening_id",
    "tenant",
    "kind",
    "principal",
    "received_at",
    "answered_at",
    "request",
    "response",
    "decision",
    "list_versions",
    "ruleset_version",
    "reference_version",
    "service_version",
    "subjects",
    "customer_id",
    "idempotency_key",
)
"""Every stored column of a screening that its ``created`` link vouches for."""


def screening_content(row: Any) -> bytes:
    """Canonical bytes of a screening: a row (attributes) or the dict about to be inserted."""
    if isinstance(row, dict):
        return canonical_json({name: row[name] for name in SCREENING_FIELDS})
    return canonical_json({name: getattr(row, name) for name in SCREENING_FIELDS})


def link_hash(link: Any, content_sha256: str) -> str:
    """The hash of one link: a row (attributes) or the dict about to be inserted."""
    get = link.get if isinstance(link, dict) else lambda name: getattr(link, name)
    header = {
        "tenant": get("tenant"),
        "seq": get("seq"),
        "at": iso(get("at")),
        "record_type": get("record_type"),
        "record_id": get("record_id"),
        "event": get("event"),
        "actor": get("actor"),
        "content": content_sha256,
        "prev": get("prev_hash"),
    }
    return sha256_hex(canonical_json(header))


_EVENTS = AuditEvent.__table__
_HEADS = ChainHead.__table__
_INSERT_LINK = insert(_EVENTS)
_BUMP_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.tenant == bindparam("head_tenant"))
    .values(seq=_HEADS.c.seq + 1)
    .returning(_HEADS.c.seq, _HEADS.c.hash)
)
_SET_HEAD = (
    update(_HEADS).where(_HEADS.c.tenant == bindparam("head_tenant")).values(hash=bindparam("h"))
)
"""Built once: the write path re-uses their compiled forms (recording is on the hot path)."""


def append(
    connection: Connection,
    *,
    tenant: str,
    record_type: str,
    record_id: str,
    event: str,
    actor: str,
    at: datetime,
    content: bytes,
    payload: str | None = None,
) -> dict[str, Any]:
    """Add the next link of ``tenant``'s chain inside the caller's transaction."""
    seq, prev_hash = _advance_head(connection, tenant)
    link = {
        "tenant": tenant,
        "seq": seq,
        "at": at,
        "record_type": record_type,
        "record_id": record_id,
        "event": event,
        "actor": actor,
        "payload": payload,
        "prev_hash": prev_hash,
    }
    link["hash"] = link_hash(link, sha256_hex(content))
    connection.execute(_INSERT_LINK, link)
    connection.execute(_SET_HEAD, {"head_tenant": tenant, "h": link["hash"]})
    return link


def _advance_head(connection: Connection, tenant: str) -> tuple[int, str]:
    """Take the next position in the chain (locking the head) and the hash to link to."""
    row = connection.execute(_BUMP_HEAD, {"head_tenant": tenant}).one_or_none()
    if row is None:
        dialect = connection.dialect.name
        insert_ignore = postgresql.insert if dialect == "postgresql" else sqlite.insert
        connection.execute(
            insert_ignore(_HEADS)
            .values(tenant=tenant, seq=0, hash=GENESIS)
            .on_conflict_do_nothing(index_elements=["tenant"])
        )
        row = connection.execute(_BUMP_HEAD, {"head_tenant": tenant}).one()
    return int(row.seq), str(row.hash)


# --- checkpoints ---------------------------------------------------------------------------


def checkpoint_signature(secret: bytes, checkpoint: Checkpoint) -> str:
    body = {
        "tenant": checkpoint.tenant,
        "seq": checkpoint.seq,
        "hash": checkpoint.hash,
        "purged": checkpoint.purged,
        "created_at": iso(checkpoint.created_at),
    }
    return hmac_hex(secret, canonical_json(body))


# --- verification --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying one tenant's chain."""

    tenant: str
    verified: int
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def tenants_with_chains(session: Session) -> list[str]:
    return list(session.scalars(select(ChainHead.tenant).order_by(ChainHead.tenant)))


def verify_chain(session: Session, tenant: str, secret: bytes) -> ChainReport:
    """Recompute ``tenant``'s chain from its last checkpoint; stop at the first bad link."""
    checkpoint = session.scalars(
        select(Checkpoint).where(Checkpoint.tenant == tenant).order_by(Checkpoint.seq.desc())
    ).first()
    prev_hash, expected_seq = GENESIS, 1
    if checkpoint is not None:
        if checkpoint.signature != checkpoint_signature(secret, checkpoint):
            return ChainReport(tenant, 0, f"checkpoint at link {checkpoint.seq}: bad signature")
        prev_hash, expected_seq = checkpoint.hash, checkpoint.seq + 1
    verified = 0
    for link, row in _links(session, tenant):
        name = f"{link.record_type} {link.record_id} ({link.event}, link {link.seq})"
        problem = _check_link(link, row, prev_hash, expected_seq)
        if problem:
            return ChainReport(tenant, verified, f"{name}: {problem}")
        prev_hash, expected_seq = link.hash, link.seq + 1
        verified += 1
    head = session.get(ChainHead, tenant)
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        return ChainReport(
            tenant, verified, f"chain ends at link {expected_seq - 1} but its head says {head.seq}"
        )
    unchained = session.scalars(_unchained_screenings(tenant)).first()
    if unchained is not None:
        return ChainReport(tenant, verified, f"screening {unchained}: not on the chain")
    return ChainReport(tenant, verified)


def _check_link(
    link: AuditEvent, row: Screening | None, prev_hash: str, expected_seq: int
) -> str | None:
    if link.seq != expected_seq:
        return f"expected link {expected_seq}: a link is missing or out of order"
    if link.prev_hash != prev_hash:
        return "does not link to the previous record's hash"
    if _vouches_for_row(link):
        if row is None:
            return "the screening record is missing"
        content = screening_content(row)
    else:
        content = (link.payload or "").encode("utf-8")
    if link_hash(link, sha256_hex(content)) != link.hash:
        return "content does not match its hash (changed after it was written)"
    return None


def _vouches_for_row(link: AuditEvent) -> bool:
    return link.record_type == "screening" and link.event == "created"


def _links(session: Session, tenant: str) -> Iterator[tuple[AuditEvent, Screening | None]]:
    query = (
        select(AuditEvent, Screening)
        .outerjoin(
            Screening,
            and_(
                AuditEvent.record_type == "screening",
                AuditEvent.event == "created",
                Screening.screening_id == AuditEvent.record_id,
            ),
        )
        .where(AuditEvent.tenant == tenant)
        .order_by(AuditEvent.seq)
        .execution_options(yield_per=1000)
    )
    yield from session.execute(query)


def _unchained_screenings(tenant: str):
    created = (
        select(func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.record_type == "screening",
            AuditEvent.event == "created",
            AuditEvent.record_id == Screening.screening_id,
        )
        .scalar_subquery()
    )
    return (
        select(Screening.screening_id)
        .where(Screening.tenant == tenant, created == 0)
        .order_by(Screening.id)
        .limit(1)
    )
