"""Records store: tenants, API keys, users, screenings, idempotency keys, batches, audit chain.

Revision ID: 0001_records
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_records"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("created_at", When, nullable=False),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("tenant", sa.String(64), sa.ForeignKey("tenants.name"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", When, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("expires_at", When, nullable=True),
        sa.Column("revoked_at", When, nullable=True),
    )
    op.create_index("ix_api_keys_tenant", "api_keys", ["tenant"])
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("tenant", sa.String(64), sa.ForeignKey("tenants.name"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", When, nullable=True),
        sa.Column("disabled_at", When, nullable=True),
    )
    op.create_index("ix_users_tenant", "users", ["tenant"])
    op.create_table(
        "screenings",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("screening_id", sa.String(40), nullable=False, unique=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("principal", sa.String(200), nullable=False),
        sa.Column("received_at", When, nullable=False),
        sa.Column("answered_at", When, nullable=False),
        sa.Column("request", sa.Text, nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("list_versions", sa.Text, nullable=False),
        sa.Column("ruleset_version", sa.String(100), nullable=False),
        sa.Column("reference_version", sa.String(100), nullable=False),
        sa.Column("service_version", sa.String(40), nullable=False),
        sa.Column("subjects", sa.Text, nullable=False),
        sa.Column("customer_id", sa.String(200), nullable=True),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
    )
    op.create_index("ix_screenings_tenant_id", "screenings", ["tenant", "id"])
    op.create_index("ix_screenings_tenant_received", "screenings", ["tenant", "received_at"])
    op.create_index("ix_screenings_customer_id", "screenings", ["customer_id"])
    op.create_table(
        "idempotency_keys",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("screening_id", sa.String(40), nullable=False),
        sa.Column("created_at", When, nullable=False),
    )
    op.create_table(
        "batches",
        sa.Column("batch_id", sa.String(64), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("submitted_by", sa.String(200), nullable=False),
        sa.Column("submitted_at", When, nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
    )
    op.create_index("ix_batches_tenant", "batches", ["tenant"])
    op.create_table(
        "audit_events",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("at", When, nullable=False),
        sa.Column("record_type", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("tenant", "seq", name="uq_audit_events_tenant_seq"),
    )
    op.create_index("ix_audit_events_record_id", "audit_events", ["record_id"])
    op.create_table(
        "chain_heads",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "checkpoints",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("purged", sa.BigInteger, nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.Column("signature", sa.String(64), nullable=False),
    )
    op.create_index("ix_checkpoints_tenant", "checkpoints", ["tenant"])


def downgrade() -> None:
    for table in (
        "checkpoints",
        "chain_heads",
        "audit_events",
        "batches",
        "idempotency_keys",
        "screenings",
        "users",
        "api_keys",
        "tenants",
    ):
        op.drop_table(table)
