"""the newest audit entries found by an index

Revision ID: 0018_audit_entry_recent
Revises: 0016_merge_ownership

工作台 shows the newest audit entries (``ORDER BY at DESC, seq DESC LIMIT n``).
Without an index SQLite read every entry, and an entry's list of touched rows
(with a digest of each change since the chain is keyed) spills onto overflow
pages that an encrypted database decrypts one by one: 84 ms on the 5-year
school. With ``(at, seq)`` it reads only the rows it shows.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018_audit_entry_recent"
down_revision: str | None = "0016_merge_ownership"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_entry_at_seq", "audit_entry", ["at", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_entry_at_seq", table_name="audit_entry")
