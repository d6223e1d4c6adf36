"""a bundle file from a device not registered yet remembers which device it claims

Revision ID: 0019_bundle_claimed_device
Revises: 0018_audit_entry_recent

A school without internet brings its bundles and its registration request on
the same USB stick; a file whose device the bureau does not know yet is kept
(quarantined as ``unknown_device``) with the device its envelope header names,
and is taken again as soon as that device registers. The claim is not proof of
anything (the signature did not verify), so it stays apart from ``device_id``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_bundle_claimed_device"
down_revision: str | None = "0018_audit_entry_recent"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bureau_bundle") as batch_op:
        batch_op.add_column(sa.Column("claimed_device_id", sa.Uuid(), nullable=True))
        batch_op.create_index("ix_bureau_bundle_claimed_device_id", ["claimed_device_id"])


def downgrade() -> None:
    with op.batch_alter_table("bureau_bundle") as batch_op:
        batch_op.drop_index("ix_bureau_bundle_claimed_device_id")
        batch_op.drop_column("claimed_device_id")
