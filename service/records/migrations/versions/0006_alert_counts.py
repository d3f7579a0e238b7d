"""Alert counts per (tenant, status, priority rank), kept in the same transaction as each
alert write, so the queue's header reads a dozen rows instead of scanning every open alert.

Revision ID: 0006_alert_counts
Revises: 0005_customers
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_alert_counts"
down_revision = "0005_customers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_counts",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(20), primary_key=True),
        sa.Column("priority_rank", sa.Integer, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.execute(  # the alerts already on record, counted once
        "INSERT INTO alert_counts (tenant, status, priority_rank, n) "
        "SELECT tenant, status, priority_rank, COUNT(*) FROM alerts "
        "GROUP BY tenant, status, priority_rank"
    )


def downgrade() -> None:
    op.drop_table("alert_counts")
