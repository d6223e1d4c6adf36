"""one person record: a login belongs to a staff member

Revision ID: 0013_people
Revises: 0009_incidents

Before this revision a person who signs in was typed twice: once as a user
(``user_account.display_name/post/phone``) and once in the staff directory
(``staff_member.name/post/phone``), linked by hand through
``staff_member.user_id`` — or not at all.

**The choice.** The staff member *is* the person and owns the name, post,
phone and "still works here"; a login is something a person may have, so the
login points at its person: ``user_account.staff_id``. The old link ran the
other way and is dropped, and so are the account's own name, post and phone.
Each fact now lives in one column, so nothing can be typed twice or disagree.
The link sits on the login because that is the side that has exactly one
partner: whatever two PCs do and however the bureau merges them field by
field (last writer wins per column), a login always names exactly one
person. With the link on the person, two PCs could point two people at one
login, or leave it with none. ``staff_id`` is nullable in the schema only
because a bundle packed by an older app version may still bring the bureau an
account without it; the app always sets it.

**The data.** Every account gets its person, deterministically, so that the
two PCs of a school and the bureau — each migrating its own copy, at its own
time — arrive at the same rows:

* an account some live staff member was linked to keeps that person (if
  several were, the active one, then the oldest, then the smallest id); the
  person's empty post or phone is filled in from the account, otherwise the
  directory's values stand (they are what the grid and placards print);
* an account with no linked person gets a new one with the account's name,
  post, phone and active flag. Its id is ``uuid5(PERSON_NAMESPACE, "<account
  id>")``, so every copy makes the same row and the bureau merges the copies
  into one person instead of two. A staff member who merely has the same name
  is *not* taken to be the same person (two teachers can share a name): the
  principal can join the two on the staff page ("Same person as…").

**Sync.** On a school PC (a database with a ``device_state`` row) every row
written here is also written to the outbox exactly as change capture would
write it — inserts with every column, updates with the changed columns plus
``updated_at`` and ``origin_device`` — stamped with fresh values of the
device's hybrid logical clock, so the bureau receives the new people and
links with the next sync. The migration acts for no user (``actor_id`` is
null) and writes no audit entry; the copy of the file kept before every
upgrade holds the state before it. On the bureau (no ``device_state`` row)
the same rows are made without outbox entries; when a school's changes arrive
they land on the same ids.

Never change ``PERSON_NAMESPACE``: it is what keeps the copies in step.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0013_people"
down_revision: str | None = "0011_person_signing_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERSON_NAMESPACE = uuid.UUID("8c3f5e1a-2b6d-4f7e-9a0c-5d4b3e2f1a60")

_synced = (
    sa.Column("id", sa.Uuid()),
    sa.Column("school_id", sa.Uuid()),
    sa.Column("hlc", sa.BigInteger()),
    sa.Column("origin_device", sa.Uuid()),
    sa.Column("created_at", sa.DateTime(timezone=True)),
    sa.Column("updated_at", sa.DateTime(timezone=True)),
    sa.Column("deleted_at", sa.DateTime(timezone=True)),
)
user_account = sa.table(
    "user_account",
    sa.column("username", sa.String()),
    sa.column("display_name", sa.String()),
    sa.column("post", sa.String()),
    sa.column("phone", sa.String()),
    sa.column("active", sa.Boolean()),
    sa.column("staff_id", sa.Uuid()),
    *(sa.column(c.name, c.type) for c in _synced),
)
staff_member = sa.table(
    "staff_member",
    sa.column("name", sa.String()),
    sa.column("post", sa.String()),
    sa.column("phone", sa.String()),
    sa.column("user_id", sa.Uuid()),
    sa.column("active", sa.Boolean()),
    *(sa.column(c.name, c.type) for c in _synced),
)
device_state = sa.table(
    "device_state",
    sa.column("id", sa.Integer()),
    sa.column("device_id", sa.Uuid()),
    sa.column("hlc_last", sa.BigInteger()),
)
outbox = sa.table(
    "outbox",
    sa.column("table_name", sa.String()),
    sa.column("row_id", sa.Uuid()),
    sa.column("op", sa.String()),
    sa.column("changes", sa.JSON()),
    sa.column("hlc", sa.BigInteger()),
    sa.column("device_id", sa.Uuid()),
    sa.column("actor_id", sa.Uuid()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
STAFF_COLUMNS = (
    "name", "post", "phone", "active",
    "id", "school_id", "hlc", "origin_device", "created_at", "updated_at", "deleted_at",
)  # fmt: skip


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _json(value: Any) -> Any:
    """A column value as change capture writes it (db.capture.json_value)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return _utc(value).isoformat()
    return value


class _Device:
    """This PC's clock and outbox; inert on the bureau (no device_state row)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        row = conn.execute(
            sa.select(device_state.c.device_id, device_state.c.hlc_last).where(
                device_state.c.id == 1
            )
        ).first()
        self.device_id: uuid.UUID | None = row.device_id if row else None
        self.last = int(row.hlc_last or 0) if row else 0
        self.now = datetime.now(UTC)

    @property
    def is_school_pc(self) -> bool:
        return self.device_id is not None

    def tick(self) -> int:
        # The hybrid logical clock of db/hlc.py: milliseconds << 16, strictly increasing.
        candidate = (time.time_ns() // 1_000_000) << 16
        self.last = candidate if candidate > self.last else self.last + 1
        return self.last

    def queue(self, table: str, row_id: uuid.UUID, op_name: str, changes: dict, hlc: int) -> None:
        self.conn.execute(
            outbox.insert().values(
                table_name=table,
                row_id=row_id,
                op=op_name,
                changes={k: _json(v) for k, v in changes.items()},
                hlc=hlc,
                device_id=self.device_id,
                actor_id=None,
                created_at=self.now,
            )
        )

    def finish(self) -> None:
        if self.is_school_pc:
            self.conn.execute(
                device_state.update().where(device_state.c.id == 1).values(hlc_last=self.last)
            )


def _link_people(conn: sa.Connection) -> None:
    device = _Device(conn)
    staff = {r.id: r for r in conn.execute(sa.select(staff_member))}
    linked: dict[uuid.UUID, list] = {}
    for m in staff.values():
        if m.user_id is not None and m.deleted_at is None:
            linked.setdefault(m.user_id, []).append(m)
    users = conn.execute(
        sa.select(user_account).order_by(user_account.c.created_at, user_account.c.id)
    ).all()
    for u in users:
        candidates = sorted(
            linked.get(u.id, []), key=lambda m: (not m.active, _utc(m.created_at), str(m.id))
        )
        if candidates:
            person = candidates[0]
            filled = {
                col: getattr(u, col)
                for col in ("post", "phone")
                if not (getattr(person, col) or "").strip() and (getattr(u, col) or "").strip()
            }
            if filled:
                _update(conn, device, staff_member, person, filled)
            person_id = person.id
        else:
            person_id = uuid.uuid5(PERSON_NAMESPACE, str(u.id))
            if person_id not in staff:
                _insert_person(conn, device, u, person_id)
        _update(conn, device, user_account, u, {"staff_id": person_id})
    device.finish()


def _insert_person(conn: sa.Connection, device: _Device, u, person_id: uuid.UUID) -> None:
    values = {
        "id": person_id,
        "school_id": u.school_id,
        "name": (u.display_name or "").strip() or u.username,
        "post": u.post or "",
        "phone": u.phone or "",
        "active": bool(u.active),
        "created_at": _utc(u.created_at),
        "updated_at": device.now if device.is_school_pc else _utc(u.updated_at),
        "deleted_at": _utc(u.deleted_at),
        "hlc": device.tick() if device.is_school_pc else u.hlc,
        "origin_device": device.device_id if device.is_school_pc else u.origin_device,
    }
    conn.execute(staff_member.insert().values(**values))
    if device.is_school_pc:
        device.queue("staff_member", person_id, "insert",
                     {k: values[k] for k in STAFF_COLUMNS}, values["hlc"])  # fmt: skip


def _update(
    conn: sa.Connection, device: _Device, table: sa.TableClause, row, changes: dict
) -> None:
    values = dict(changes)
    if device.is_school_pc:
        values.update(hlc=device.tick(), updated_at=device.now, origin_device=device.device_id)
    conn.execute(table.update().where(table.c.id == row.id).values(**values))
    if device.is_school_pc:
        sent = {k: values[k] for k in (*changes, "updated_at", "origin_device")}
        device.queue(table.name, row.id, "update", sent, values["hlc"])


def upgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_user_account_staff_id"), ["staff_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_user_account_staff_id_staff_member"),
            "staff_member",
            ["staff_id"],
            ["id"],
        )

    _link_people(op.get_bind())

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("display_name")
        batch_op.drop_column("post")
        batch_op.drop_column("phone")
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_member_user_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_staff_member_user_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("user_id")


def downgrade() -> None:
    """Back to two lists: the account copies its person's details, the person links back."""
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_staff_member_user_id"), ["user_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_staff_member_user_id_user_account"), "user_account", ["user_id"], ["id"]
        )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("display_name", sa.String(200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("post", sa.String(200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("phone", sa.String(32), nullable=False, server_default=""))
    conn = op.get_bind()
    users = sa.table("user_account", sa.column("id", sa.Uuid()), sa.column("username", sa.String()),
                     sa.column("staff_id", sa.Uuid()), sa.column("display_name", sa.String()),
                     sa.column("post", sa.String()), sa.column("phone", sa.String()))  # fmt: skip
    for u in conn.execute(sa.select(users)).all():
        person = conn.execute(
            sa.select(staff_member.c.name, staff_member.c.post, staff_member.c.phone).where(
                staff_member.c.id == u.staff_id
            )
        ).first()
        conn.execute(
            users.update()
            .where(users.c.id == u.id)
            .values(
                display_name=person.name if person else u.username,
                post=person.post if person else "",
                phone=person.phone if person else "",
            )
        )
        if person is not None:
            conn.execute(
                staff_member.update().where(staff_member.c.id == u.staff_id).values(user_id=u.id)
            )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column("display_name", server_default=None)
        batch_op.alter_column("post", server_default=None)
        batch_op.alter_column("phone", server_default=None)
        batch_op.drop_constraint(
            batch_op.f("fk_user_account_staff_id_staff_member"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_user_account_staff_id"))
        batch_op.drop_column("staff_id")
