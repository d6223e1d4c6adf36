"""handover: the reason for an early handover

Revision ID: 0014_handover_early_reason
Revises: 0009_incidents
Create Date: 2026-11-27 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_handover_early_reason"
down_revision: str | None = "0009_incidents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.add_column(sa.Column("early_reason", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.drop_column("early_reason")
