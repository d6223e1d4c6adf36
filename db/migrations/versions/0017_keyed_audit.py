"""keyed audit chain: an HMAC per audit entry, and a keyed head on this PC

Revision ID: 0017_keyed_audit
Revises: 0015_bundle_v2

``audit_entry.entry_mac`` (synced, nullable) holds the entry's HMAC-SHA256
under its device's audit key, which is kept outside the database (the OS
keyring, else a 0600 key file; see app/audit/keys.py). Each MAC covers the
previous entry's MAC and the entry's canonical content, its SHA-256
``entry_hash`` and ``prev_hash`` included, so the plain SHA-256 chain stays
exactly as it was and is bound into the keyed one.

``device_state.audit_head_mac`` is a MAC of this PC's head (last seq and its
entry MAC): moving the head back after deleting entries from the end needs
the key.

No data is rewritten here: entries written before this revision keep no MAC
and are verified by their SHA-256 chain as before. The keyed part of an
existing chain starts with the first entry written after the upgrade — an
``audit.keyed`` anchor entry, made in the same transaction (see
app/audit/trail.py), which records where the keyed part starts. A new
database is keyed from its first entry.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_keyed_audit"
down_revision: str | None = "0015_bundle_v2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): the append-only triggers of
    # audit_entry stay in place.
    op.add_column("audit_entry", sa.Column("entry_mac", sa.String(length=64), nullable=True))
    op.add_column(
        "device_state",
        sa.Column("audit_head_mac", sa.String(length=64), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("device_state", schema=None) as batch_op:
        batch_op.drop_column("audit_head_mac")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("entry_mac")
