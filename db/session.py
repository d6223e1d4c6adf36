"""Engine and sessions.

:class:`Database` owns one engine and hands out two kinds of session:

* :meth:`Database.read` — for queries; flushing a synced change from it raises.
* :meth:`Database.write` — one user action: on SQLite it starts with
  ``BEGIN IMMEDIATE`` (so the clock and the audit chain are read and advanced
  under the write lock), captures every synced change into the outbox and
  commits once.

Sessions are not thread-safe: open one per action, in the thread doing the work.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from db import capture
from db.hlc import HybridClock
from db.models.local import DeviceState

BUSY_TIMEOUT_MS = 10_000
CIPHER_CACHE_KIB = 32 * 1024  # per connection, encrypted databases only (SQLite's default: 2 MiB)


class SyncSession(Session):
    """The session class every part of the app uses; change capture is installed on it."""


capture.install(SyncSession)


def sqlite_url(path: Path) -> URL:
    return make_url(f"sqlite:///{Path(path).resolve()}")


def make_engine(
    url: str | URL, *, key: bytes | None = None, foreign_keys: bool = True, echo: bool = False
) -> Engine:
    """An engine with the pragmas the app relies on (SQLite) or a plain one (PostgreSQL).

    With ``key`` the SQLite file is a school database encrypted with SQLCipher:
    every connection is made by :func:`db.cipher.connect`. Without it the file
    is plain SQLite (the bureau's test databases). ``key=b""`` opens a plain file
    through SQLCipher's library with the encrypted engine's settings (benchmarks:
    the cost of the encryption alone).
    """
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)

    if key is None:
        engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    else:
        from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

        from db import cipher

        cargs, cparams = SQLiteDialect_pysqlite().create_connect_args(url)
        cparams["timeout"] = BUSY_TIMEOUT_MS / 1000

        def creator():
            return cipher.connect(*cargs, key, **cparams)

        engine = create_engine(url, echo=echo, module=cipher.dbapi, creator=creator)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # We issue BEGIN ourselves (below) so that writers can take the lock up front.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit survives a power cut too, not only a killed process.
        # Rural schools lose power; a few ms per user action is cheap.
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        if key is not None:
            # Pages read from the OS cache are decrypted and checked again each time;
            # keeping more of them decrypted is what makes lists as quick as plain.
            cur.execute(f"PRAGMA cache_size=-{CIPHER_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Database:
    """One database (the school's SQLite file, or the bureau's PostgreSQL)."""

    def __init__(
        self,
        url: str | URL,
        *,
        key: bytes | None = None,
        clock: HybridClock | None = None,
        echo: bool = False,
    ):
        self.url = make_url(url)
        self.engine = make_engine(self.url, key=key, echo=echo)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.clock = clock or HybridClock()
        self._factory = sessionmaker(self.engine, class_=SyncSession, expire_on_commit=False)
        self.device_id = self._ensure_device_state()

    def _ensure_device_state(self) -> uuid.UUID:
        with self._factory() as s, s.begin():
            if self.is_sqlite:
                s.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            state = s.get(DeviceState, 1)
            if state is None:
                from db.base import new_id

                state = DeviceState(
                    id=1, device_id=new_id(), hlc_last=0, audit_head_seq=0, audit_head_hash=""
                )
                s.add(state)
            self.clock.observe(state.hlc_last)
            return state.device_id

    @contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) ends the transaction and leaves loaded
        # objects readable, detached.
        with self._factory() as s:
            s.info["xiaoan.readonly"] = True
            yield s

    @contextmanager
    def write(
        self,
        *,
        actor_id: uuid.UUID | None,
        school_id: uuid.UUID | None = None,
        replaying: bool = False,
    ) -> Iterator[Session]:
        """A session for one action; commits on normal exit, rolls back on any exception."""
        with self._factory() as s:
            if self.is_sqlite:
                s.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            s.info[capture.CAPTURE_KEY] = capture.CaptureContext(
                device_id=self.device_id,
                clock=self.clock,
                actor_id=actor_id,
                school_id=school_id,
                replaying=replaying,
            )
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def last_hlc(self) -> int:
        with self.read() as s:
            return s.scalar(select(DeviceState.hlc_last).where(DeviceState.id == 1)) or 0

    def dispose(self) -> None:
        self.engine.dispose()


@event.listens_for(SyncSession, "before_flush")
def _refuse_writes_in_read_sessions(session: Session, _ctx, _instances) -> None:
    if session.info.get("xiaoan.readonly") and (session.new or session.dirty or session.deleted):
        raise capture.CaptureError("a read session cannot write; use Database.write()")
