"""sync: bundle format 2 (signed envelope); the device's audit head at the bureau

Revision ID: 0015_bundle_v2
Revises: 0013_people

* ``bureau_bundle.audit_head``: the audit chain head a device sent in a
  bundle's manifest (JSON object, null when none), kept as it arrived.
* ``sync_bundle.format``: the bundle file format a PC wrote. Rows that exist
  before this revision are format 1; an upgraded PC re-packs every one of them
  still open (not acknowledged) as format 2 with the same seq and changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_bundle_v2"
down_revision: str | None = "0013_people"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bureau_bundle", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit_head", sa.JSON(), nullable=True))
    with op.batch_alter_table("sync_bundle", schema=None) as batch_op:
        batch_op.add_column(sa.Column("format", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("sync_bundle", schema=None) as batch_op:
        batch_op.drop_column("format")
    with op.batch_alter_table("bureau_bundle", schema=None) as batch_op:
        batch_op.drop_column("audit_head")
