"""Console sessions signed in before a user was disabled stay ended after re-enabling.

Revision ID: 0003_user_sessions
Revises: 0002_alerts
Create Date: 2026-12-03

``users.sessions_valid_from``: a session cookie issued before this time is refused.
``screening users disable`` sets it, so enabling the user again does not revive a
cookie that was not presented while the user was disabled.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_user_sessions"
down_revision = "0002_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("sessions_valid_from", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("sessions_valid_from")
