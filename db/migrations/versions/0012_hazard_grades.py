"""hazard grades as the bureau grades them; the exact spot of a failed item

Revision ID: 0012_hazard_grades
Revises: 0009_incidents
Create Date: 2026-11-28 09:00:00

Hazards are graded 一般 (general) or 重大 (major), as the bureau grades them.
The third value "serious" (较大) was never chosen by anyone: it was copied
from the checklist item's weight into every hazard raised from it. A major
hazard starts twice-daily monitoring (004 (三)2), so such rows become
general, not major; rows already treated as major keep that grade.
``severity`` and ``major`` are made to agree.

A failed checklist item now names the exact spot of the problem
(``inspection_answer.spot``); earlier answers have none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_hazard_grades"
down_revision: str | None = "0014_handover_early_reason"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inspection_answer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("spot", sa.String(length=200), nullable=False, server_default="")
        )
    hazard = sa.table(
        "hazard",
        sa.column("severity", sa.String),
        sa.column("major", sa.Boolean),
    )
    op.execute(
        hazard.update().values(
            severity=sa.case((hazard.c.major.is_(True), "major"), else_="general")
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("inspection_answer", schema=None) as batch_op:
        batch_op.drop_column("spot")
