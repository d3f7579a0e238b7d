"""The records schema: tenants, credentials, screenings, batches and the audit chain.

One declarative model per table, SQLAlchemy 2 style. The Alembic migrations in
``service/records/migrations`` create exactly these tables; ``tests/records`` checks
that the migrated schema and these models agree.

Times are stored timezone-aware and always written in UTC; SQLite hands them back naive,
so readers go through :func:`service.records.canonical.utc`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL wants a BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base of every records table."""


class Tenant(Base):
    """A bank's business unit or client: every key, user and record belongs to one."""

    __tablename__ = "tenants"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiKey(Base):
    """A system's credential. Only the keyed hash of the secret is kept."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.name"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200), default="")
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200), default="")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class User(Base):
    """A person using the console; the password is an Argon2 hash."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.name"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sessions_valid_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """Console sessions signed in before this are refused (set when the user is disabled)."""


class Screening(Base):
    """One answered screening request, exactly as received and as sent."""

    __tablename__ = "screenings"
    __table_args__ = (
        Index("ix_screenings_tenant_id", "tenant", "id"),
        Index("ix_screenings_tenant_received", "tenant", "received_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    screening_id: Mapped[str] = mapped_column(String(40), unique=True)
    tenant: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    principal: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    request: Mapped[str] = mapped_column(Text)
    """The request body as received (text)."""
    response: Mapped[str] = mapped_column(Text)
    """The response body as sent (text)."""
    decision: Mapped[str] = mapped_column(String(16))
    list_versions: Mapped[str] = mapped_column(Text)
    """JSON object list id -> version."""
    ruleset_version: Mapped[str] = mapped_column(String(100), default="")
    reference_version: Mapped[str] = mapped_column(String(100), default="")
    service_version: Mapped[str] = mapped_column(String(40))
    subjects: Mapped[str] = mapped_column(Text, default="")
    """Screened names, upper-cased, one per line: the subject-name filter searches it."""
    customer_id: Mapped[str | None] = mapped_column(String(200), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))


class IdempotencyKey(Base):
    """A client's retry key: the first answer is replayed for ``idempotency_hours``."""

    __tablename__ = "idempotency_keys"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    screening_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Batch(Base):
    """Who submitted a batch, for which tenant; its results file is the record of rows."""

    __tablename__ = "batches"

    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    submitted_by: Mapped[str] = mapped_column(String(200))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    filename: Mapped[str] = mapped_column(String(500), default="")


class AuditEvent(Base):
    """One link of a tenant's hash chain: a record created, or a later event on it.

    ``hash`` covers the event's header, the SHA-256 of its content and ``prev_hash``.
    The content of a screening's ``created`` event is the screening row itself, so a
    changed byte in a stored request or response breaks the chain; other events carry
    their content in ``payload``.
    """

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("tenant", "seq", name="uq_audit_events_tenant_seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    event: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ChainHead(Base):
    """The last link of each tenant's chain; updating it serialises appends per tenant."""

    __tablename__ = "chain_heads"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class Checkpoint(Base):
    """Where a purge cut a tenant's chain, signed so the rest still verifies."""

    __tablename__ = "checkpoints"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    """The last purged link; the chain resumes at ``seq + 1``."""
    hash: Mapped[str] = mapped_column(String(64))
    """The hash of that link: the next link's ``prev_hash``."""
    purged: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    signature: Mapped[str] = mapped_column(String(64))
    """HMAC-SHA256 of the checkpoint with the server secret."""


class Alert(Base):
    """A non-clear screening waiting for a person: the alert queue's row.

    ``subject_key`` and ``match_key`` say which subject and which matches it is about, so
    the same subject screened again with the same matches joins an open alert. The
    queue reads only this table, through ``ix_alerts_queue`` (tenant, status, priority
    rank, due time).
    """

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_queue", "tenant", "status", "priority_rank", "due_at", "id"),
        Index("ix_alerts_order", "tenant", "priority_rank", "due_at", "id"),
        Index("ix_alerts_subject", "tenant", "subject_key", "match_key", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    alert_id: Mapped[str] = mapped_column(String(40), unique=True)
    tenant: Mapped[str] = mapped_column(String(64))
    screening_id: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))
    subject_name: Mapped[str] = mapped_column(String(512))
    subject_entity_type: Mapped[str | None] = mapped_column(String(16))
    subject_country: Mapped[str | None] = mapped_column(String(128))
    subject_date_of_birth: Mapped[str | None] = mapped_column(String(10))
    customer_id: Mapped[str | None] = mapped_column(String(200))
    subject_key: Mapped[str] = mapped_column(String(64))
    match_key: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(8))
    priority_rank: Mapped[int] = mapped_column(Integer)
    """0 for high: the queue sorts ascending on an index."""
    risk_score: Mapped[int | None] = mapped_column(Integer)
    lists: Mapped[str] = mapped_column(String(500), default="")
    """Space-separated list ids of the matches, with a space at each end (list filter)."""
    matches: Mapped[str] = mapped_column(Text)
    """JSON: the matches as screened, each with its list entry's fingerprint and facets."""
    rule_hits: Mapped[str] = mapped_column(Text)
    changes: Mapped[str | None] = mapped_column(Text)
    """JSON: what changed in a list entry since an earlier false positive was cleared."""
    status: Mapped[str] = mapped_column(String(20))
    assignee: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    screenings: Mapped[int] = mapped_column(Integer, default=1)
    """How many screenings joined this alert (the first included)."""
    outcome: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(64))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AlertCount(Base):
    """How many alerts of a tenant stand at one (status, priority rank): the queue's
    header read in a handful of rows instead of an index scan over every open alert.

    Kept exact by ``service.alerts.store.adjust_counts`` in the same transaction as each
    alert insert and each change of status or priority. One row per (tenant, status,
    priority rank) is a hot row under many concurrent writers of one tenant; the update
    is a single ``n = n + delta`` held only until commit, which is acceptable for
    an officer's queue (a transaction touches at most two rows, always in key order).
    """

    __tablename__ = "alert_counts"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    priority_rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class Suppression(Base):
    """A cleared false positive: this list entry, as it read then, is not this subject."""

    __tablename__ = "suppressions"
    __table_args__ = (Index("ix_suppressions_subject", "tenant", "subject_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    suppression_id: Mapped[str] = mapped_column(String(40), unique=True)
    tenant: Mapped[str] = mapped_column(String(64))
    subject_key: Mapped[str] = mapped_column(String(64))
    subject_name: Mapped[str] = mapped_column(String(512))
    customer_id: Mapped[str | None] = mapped_column(String(200))
    list: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(40))
    facets: Mapped[str] = mapped_column(Text)
    """JSON: what the entry said when it was cleared (to say what changed later)."""
    alert_id: Mapped[str] = mapped_column(String(40))
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String(200))


class AlertPolicy(Base):
    """A tenant's alert settings: which outcomes need a second pair of eyes."""

    __tablename__ = "alert_policies"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    approval: Mapped[str] = mapped_column(Text)
    """JSON list of rules: ``true_match``, ``false_positive``, ``false_positive_on_block``."""


class Webhook(Base):
    """A tenant's subscription: where to POST which events, and the secret that signs them.

    The secret is kept as issued (not hashed like an API key) because every delivery is
    signed with it; encrypting it at rest is out of scope (the database is the bank's, like
    the server secret beside it). ``deleted_at`` keeps the row for its delivery history.
    """

    __tablename__ = "webhooks"
    __table_args__ = (Index("ix_webhooks_tenant", "tenant", "deleted_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    webhook_id: Mapped[str] = mapped_column(String(40), unique=True)
    tenant: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(2048))
    events: Mapped[str] = mapped_column(String(500))
    """Space-separated event types, with a space at each end (``LIKE '% type %'``)."""
    secret: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200), default="")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookDelivery(Base):
    """One event for one webhook: the exact body, and when to try (again).

    Written in the transaction that made the event (an outbox), so an event on record is
    never without its deliveries. A worker claims a due row by setting ``claimed_until``
    (a lease): a worker killed mid-delivery leaves a row that is due again once the lease
    has passed, and the next sweep takes it.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_webhook", "webhook_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(String(40), unique=True)
    webhook_id: Mapped[str] = mapped_column(String(40))
    tenant: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(40))
    event_type: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    """The JSON body exactly as sent (and signed) on every attempt."""
    status: Mapped[str] = mapped_column(String(16))
    """``pending``, ``delivered`` or ``failed`` (retries exhausted; replayable)."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    """Tries since created or last replayed (the backoff grows with it)."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retry_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    """Created, or last replayed: retries stop ``webhooks_retry_hours`` after it."""
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookAttempt(Base):
    """One try of a delivery: when, what the receiver answered, or why it failed."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_delivery", "delivery_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    """``delivered``, ``retry``, ``failed`` or ``refused`` (URL policy)."""


class Customer(Base):
    """One customer of a tenant's book, kept screened as the lists change.

    ``content_hash`` covers what screening reads (name, type, country, date of birth,
    identifiers): a PUT of the same content does not screen again. ``list_versions`` are
    the versions of its last screening, so the monitor knows what it was screened against.
    """

    __tablename__ = "customers"
    __table_args__ = (UniqueConstraint("tenant", "customer_id", name="uq_customers_tenant_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(512))
    entity_type: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(128))
    date_of_birth: Mapped[str | None] = mapped_column(String(10))
    identifiers: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of {type, value, country}."""
    fields: Mapped[str] = mapped_column(Text, default="{}")
    """JSON object: the bank's own free fields, kept and returned, never screened."""
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    screened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    screening_id: Mapped[str | None] = mapped_column(String(40))
    decision: Mapped[str | None] = mapped_column(String(16))
    list_versions: Mapped[str | None] = mapped_column(Text)
    """JSON object list id -> version of the last screening; null until screened."""


class MonitoringRun(Base):
    """One run of the monitor: which list versions, what it re-screened, what it found.

    ``tenants`` holds per-tenant counts (customers re-screened, new alerts, alerts whose
    match was delisted) so each tenant reads only its own numbers.
    """

    __tablename__ = "monitoring_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), unique=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    mode: Mapped[str] = mapped_column(String(16))
    """``baseline`` (first run), ``diff`` (only what changed), ``full`` or ``unchanged``."""
    versions_before: Mapped[str] = mapped_column(Text)
    versions_after: Mapped[str] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(Text)
    """JSON: per list, entries added, changed and removed (counts), or why it went full."""
    candidates: Mapped[int] = mapped_column(Integer, default=0)
    rescreened: Mapped[int] = mapped_column(Integer, default=0)
    new_alerts: Mapped[int] = mapped_column(Integer, default=0)
    tenants: Mapped[str] = mapped_column(Text, default="{}")
    service_version: Mapped[str] = mapped_column(String(40))
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
