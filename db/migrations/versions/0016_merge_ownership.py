"""bureau photo copies are kept per school

Revision ID: 0016_merge_ownership
Revises: 0017_keyed_audit

A photo's sync copy was filed once under its own SHA-256, whichever school
sent it, and found by the original's hash alone: a school could claim another
school's photo hash in its bundle's blob map and have its copy answer that
school's lookup. The key is now ``(school_id, sha256)``: each school's copy is
its own row (and its own file, ``spool/blobs/<school>/<sha256>``; rows filed
before keep their path) and lookups name the school.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016_merge_ownership"
down_revision: str | None = "0017_keyed_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bureau_blob", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint("pk_bureau_blob", type_="primary")
        batch_op.create_primary_key("pk_bureau_blob", ["school_id", "sha256"])


def downgrade() -> None:
    # Rows of one copy filed by several schools collapse to the oldest one.
    op.execute(
        "DELETE FROM bureau_blob WHERE EXISTS (SELECT 1 FROM bureau_blob AS b "
        "WHERE b.sha256 = bureau_blob.sha256 AND (b.received_at < bureau_blob.received_at "
        "OR (b.received_at = bureau_blob.received_at AND b.school_id < bureau_blob.school_id)))"
    )
    with op.batch_alter_table("bureau_blob", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint("pk_bureau_blob", type_="primary")
        batch_op.create_primary_key("pk_bureau_blob", ["sha256"])
