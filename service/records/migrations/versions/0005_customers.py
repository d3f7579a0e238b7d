"""The customer book and the monitor's runs (ongoing monitoring).

Revision ID: 0005_customers
Revises: 0004_webhooks
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_customers"
down_revision = "0004_webhooks"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("customer_id", sa.String(200), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("entity_type", sa.String(16), nullable=True),
        sa.Column("country", sa.String(128), nullable=True),
        sa.Column("date_of_birth", sa.String(10), nullable=True),
        sa.Column("identifiers", sa.Text, nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.Column("updated_at", When, nullable=False),
        sa.Column("screened_at", When, nullable=True),
        sa.Column("screening_id", sa.String(40), nullable=True),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("list_versions", sa.Text, nullable=True),
        sa.UniqueConstraint("tenant", "customer_id", name="uq_customers_tenant_id"),
    )
    op.create_table(
        "monitoring_runs",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(40), nullable=False, unique=True),
        sa.Column("started_at", When, nullable=False),
        sa.Column("finished_at", When, nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("versions_before", sa.Text, nullable=False),
        sa.Column("versions_after", sa.Text, nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("candidates", sa.Integer, nullable=False),
        sa.Column("rescreened", sa.Integer, nullable=False),
        sa.Column("new_alerts", sa.Integer, nullable=False),
        sa.Column("tenants", sa.Text, nullable=False),
        sa.Column("service_version", sa.String(40), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("monitoring_runs", "customers"):
        op.drop_table(table)
