"""Alerts, suppressions of cleared false positives, and per-tenant alert policies.

Revision ID: 0002_alerts
Revises: 0001_records
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_alerts"
down_revision = "0001_records"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.String(40), nullable=False, unique=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("screening_id", sa.String(40), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("subject_name", sa.String(512), nullable=False),
        sa.Column("subject_entity_type", sa.String(16), nullable=True),
        sa.Column("subject_country", sa.String(128), nullable=True),
        sa.Column("subject_date_of_birth", sa.String(10), nullable=True),
        sa.Column("customer_id", sa.String(200), nullable=True),
        sa.Column("subject_key", sa.String(64), nullable=False),
        sa.Column("match_key", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("priority_rank", sa.Integer, nullable=False),
        sa.Column("risk_score", sa.Integer, nullable=True),
        sa.Column("lists", sa.String(500), nullable=False),
        sa.Column("matches", sa.Text, nullable=False),
        sa.Column("rule_hits", sa.Text, nullable=False),
        sa.Column("changes", sa.Text, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("assignee", sa.String(200), nullable=True),
        sa.Column("created_at", When, nullable=False),
        sa.Column("due_at", When, nullable=False),
        sa.Column("updated_at", When, nullable=False),
        sa.Column("screenings", sa.Integer, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("reason", sa.String(64), nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decided_at", When, nullable=True),
    )
    op.create_index(
        "ix_alerts_queue", "alerts", ["tenant", "status", "priority_rank", "due_at", "id"]
    )
    op.create_index("ix_alerts_order", "alerts", ["tenant", "priority_rank", "due_at", "id"])
    op.create_index("ix_alerts_subject", "alerts", ["tenant", "subject_key", "match_key", "status"])
    op.create_table(
        "suppressions",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("suppression_id", sa.String(40), nullable=False, unique=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("subject_key", sa.String(64), nullable=False),
        sa.Column("subject_name", sa.String(512), nullable=False),
        sa.Column("customer_id", sa.String(200), nullable=True),
        sa.Column("list", sa.String(64), nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(40), nullable=False),
        sa.Column("facets", sa.Text, nullable=False),
        sa.Column("alert_id", sa.String(40), nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("decided_at", When, nullable=False),
        sa.Column("approved_by", sa.String(200), nullable=True),
        sa.Column("created_at", When, nullable=False),
        sa.Column("expires_at", When, nullable=False),
        sa.Column("revoked_at", When, nullable=True),
        sa.Column("revoked_by", sa.String(200), nullable=True),
    )
    op.create_index("ix_suppressions_subject", "suppressions", ["tenant", "subject_key"])
    op.create_table(
        "alert_policies",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("approval", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("alert_policies", "suppressions", "alerts"):
        op.drop_table(table)
