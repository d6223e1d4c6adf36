"""two-way sync: the school's change stream, each device's cursor into it, and the PC's own

Revision ID: 0020_two_way_cursors
Revises: 0019_bundle_claimed_device

The bureau numbers every row it writes in its school's change stream
(``bureau_field_clock.pos``, from ``bureau_school.change_pos``); a return bundle
carries a device the rows past its cursor (``bureau_device.changes_through``)
that other devices wrote. A PC remembers how far it holds the stream and the
bureau's publications, and what it last told the bureau. The outbox gains an
index by row: the merge on a PC reads its own clocks from it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_two_way_cursors"
down_revision: str | None = "0019_bundle_claimed_device"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bureau_school") as b:
        b.add_column(sa.Column("change_pos", sa.BigInteger(), nullable=False, server_default="0"))
    with op.batch_alter_table("bureau_device") as b:
        b.add_column(
            sa.Column("changes_through", sa.BigInteger(), nullable=False, server_default="0")
        )
        b.add_column(
            sa.Column("content_through", sa.BigInteger(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("bureau_field_clock") as b:
        b.add_column(sa.Column("pos", sa.BigInteger(), nullable=True))
        b.create_index("ix_bureau_field_clock_school_pos", ["school_id", "pos"])
    with op.batch_alter_table("sync_enrollment") as b:
        for name in ("changes_through", "content_through", "reported_changes", "reported_content"):
            b.add_column(sa.Column(name, sa.BigInteger(), nullable=False, server_default="0"))
        b.add_column(sa.Column("last_received", sa.JSON(), nullable=True))
        b.add_column(sa.Column("school_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("outbox") as b:
        b.create_index("ix_outbox_row", ["table_name", "row_id"])
    # Rows the bureau already holds join the stream in a fixed order, so a PC
    # joining later receives them too.
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "UPDATE bureau_field_clock f SET pos = n.pos FROM ("
            " SELECT table_name, row_id, row_number() OVER"
            " (PARTITION BY school_id ORDER BY table_name, row_id) AS pos"
            " FROM bureau_field_clock) n"
            " WHERE f.table_name = n.table_name AND f.row_id = n.row_id"
        )
        op.execute(
            "UPDATE bureau_school s SET change_pos = c.n FROM ("
            " SELECT school_id, count(*) AS n FROM bureau_field_clock GROUP BY school_id) c"
            " WHERE s.school_id = c.school_id"
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as b:
        b.drop_index("ix_outbox_row")
    with op.batch_alter_table("sync_enrollment") as b:
        for name in (
            "school_id",
            "last_received",
            "reported_content",
            "reported_changes",
            "content_through",
            "changes_through",
        ):
            b.drop_column(name)
    with op.batch_alter_table("bureau_field_clock") as b:
        b.drop_index("ix_bureau_field_clock_school_pos")
        b.drop_column("pos")
    with op.batch_alter_table("bureau_device") as b:
        b.drop_column("content_through")
        b.drop_column("changes_through")
    with op.batch_alter_table("bureau_school") as b:
        b.drop_column("change_pos")
