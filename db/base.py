"""Declarative base, the naming convention and the mixin every synced table uses."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, MetaData, String, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from uuid6 import uuid7

# Named constraints from day one: SQLite batch migrations can only alter what
# has a name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The clock records are stamped with, when it is not the computer's (see
# :func:`record_clock`). Unset everywhere in the app; only the sample school sets it.
_record_clock: ContextVar[Callable[[], datetime] | None] = ContextVar(
    "xiaoan_record_clock", default=None
)


def utcnow() -> datetime:
    """Now, aware UTC: the time records, audit entries and outbox rows are stamped with.

    The computer's clock, unless the calling code runs inside
    :func:`record_clock` (the sample school writing its history).
    """
    clock = _record_clock.get()
    return datetime.now(UTC) if clock is None else clock()


@contextmanager
def record_clock(clock: Callable[[], datetime]) -> Iterator[None]:
    """Stamp records made in this block (this thread or task only) with ``clock()``.

    For the sample school (``app.demo``), which writes weeks of history
    through the real services and wants each record, audit entry and hazard
    event at the time it describes. Only record times follow it: the hybrid
    logical clock that orders changes for sync keeps reading the computer's
    clock (:mod:`db.hlc`), so it never goes backwards. No path of the app
    itself enters this block (a test keeps it that way).
    """
    token = _record_clock.set(clock)
    try:
        yield
    finally:
        _record_clock.reset(token)


def new_id() -> uuid.UUID:
    """A UUIDv7: made on the client, time-ordered, never a bare timestamp."""
    return uuid7()


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both SQLite (which drops tzinfo) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC time is required")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# ``mapped_column(..., info=LOCAL_ONLY)``: a column of a synced table that stays
# on this PC (a cache derived from synced data, e.g. a signature's rendered
# picture): change capture leaves it out of the outbox, so it never travels.
LOCAL_ONLY = {"local_only": True}

# Records frozen once this column is set (finalized, signed, locked). The merge
# (app/sync/merge.py) lets the freezing change win every field it carries and
# drops later drafts; capture (db/capture.py) makes the freezing change carry
# every column, so the frozen record is the same on every PC whatever order
# the changes arrive in.
FROZEN_BY: dict[str, str] = {
    "monthly_report": "finalized_at",
    "inspection": "finalized_at",
    "drill": "finalized_at",
    "handover": "locked_at",
}


def is_local_only(column) -> bool:
    return bool(column.info.get("local_only"))


class SyncedMixin:
    """Columns every synced table carries.

    Rows are created with a client-made UUIDv7, belong to one school, and are
    never hard-deleted: ``deleted_at`` is the tombstone. ``hlc`` and
    ``origin_device`` are stamped by the change-capture hook at flush time
    (see :mod:`db.capture`); services never set them by hand.
    """

    __synced__ = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    school_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    hlc: Mapped[int] = mapped_column(BigInteger)
    origin_device: Mapped[uuid.UUID] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


def is_synced_class(cls: type) -> bool:
    return isinstance(cls, type) and issubclass(cls, SyncedMixin)


def synced_tables(*, load: bool = True) -> set[str]:
    """Names of every table mapped by a synced class.

    With ``load`` (the default) every model module is imported first, so the
    answer is the whole schema; without it, only the tables loaded so far.
    """
    if load:
        from db.models import load_all

        load_all()
    names: set[str] = set()
    for mapper in Base.registry.mappers:
        if is_synced_class(mapper.class_):
            names.add(mapper.local_table.name)
    return names


# Short strings are bounded so PostgreSQL and SQLite agree on the schema.
Name = String(200)
Code = String(64)
