"""The school database encrypted at rest: every connection to it is made here.

SQLCipher (``sqlcipher3``) encrypts each page of the file (AES-256, with an
HMAC per page). The key is 32 random bytes given raw
(``PRAGMA key = "x'<64 hex>'"``), so no password-stretching runs per
connection; where the key is kept is the app's business (:mod:`app.data_key`).

:func:`connect` is the one function that opens a school database file with
its key; the SQLAlchemy engine (:func:`db.session.make_engine`) uses it as its
``creator``. ``key=None`` opens a plain SQLite file (a database from a release
before encryption, or a bureau's test database) with the same library.

SQLCipher's errors are its own classes (not :mod:`sqlite3`'s): catch
:data:`DatabaseError` / :data:`OperationalError` from here.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import sqlcipher3.dbapi2 as dbapi

DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
Connection = dbapi.Connection

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _key_literal(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def connect(database: str | Path, key: bytes | None, **kwargs) -> Connection:
    """A connection to ``database`` with ``key`` applied (``kwargs`` as for ``sqlite3.connect``).

    The first page is read at once, so a wrong key (or a file that is not a
    database) raises :data:`DatabaseError` here, not at some later query.
    """
    conn = dbapi.connect(str(database), **kwargs)
    try:
        _quiet(conn)
        if key:  # b"": the same library, unkeyed (a plain file; benchmarks)
            conn.execute(f"PRAGMA key = {_key_literal(key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


_quieted = False


def _quiet(conn: Connection) -> None:
    """SQLCipher logs a failed page check to stderr; a wrong key is reported by the caller."""
    global _quieted
    if not _quieted:
        conn.execute("PRAGMA cipher_log_level = NONE")
        _quieted = True


def attach(conn: Connection, database: str, alias: str, key: bytes | None) -> None:
    """``ATTACH`` another database file to ``conn`` with its key (None: a plain file)."""
    literal = "''" if key is None else _key_literal(key)
    conn.execute(f"ATTACH DATABASE ? AS {alias} KEY {literal}", (database,))


def is_plain(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite file (its 16-byte header says so)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def may_be_encrypted(path: Path) -> bool:
    """Whether ``path`` could be an encrypted database: not plain, and whole pages of 4 KiB.

    An encrypted file looks like random bytes, so this is the most that can be
    told without the key; it tells a stray document from a database.
    """
    try:
        size = Path(path).stat().st_size
    except FileNotFoundError:
        return False
    return size > 0 and size % 4096 == 0 and not is_plain(path)


def export(src: Path, dest: Path, key: bytes, *, src_key: bytes | None = None) -> Path:
    """Copy the database ``src`` (plain, or encrypted with ``src_key``) to a new file ``dest``
    encrypted with ``key`` (``sqlcipher_export``: every table, index, trigger and view).

    Written to ``dest.part`` and renamed; ``src`` is only read. SQLite's own
    backup API cannot copy between a plain and an encrypted file.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    conn = connect(f"file:{tmp}", key, uri=True, isolation_level=None)
    try:
        attach(conn, f"file:{src}?mode=ro", "src", src_key)
        conn.execute("SELECT sqlcipher_export('main', 'src')")
        version = conn.execute("PRAGMA src.user_version").fetchone()[0]
        conn.execute(f"PRAGMA main.user_version = {int(version)}")
        conn.execute("DETACH DATABASE src")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    restrict_file(tmp)
    os.replace(tmp, dest)
    return dest


def table_counts(conn: Connection, schema: str = "main") -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def verify_copy(src: Path, src_key: bytes | None, copy: Path, key: bytes) -> None:
    """Raise :data:`DatabaseError` unless ``copy`` opens with ``key``, passes
    ``integrity_check`` and holds as many rows in every table as ``src``."""
    a = connect(f"file:{src}?mode=ro", src_key, uri=True)
    b = connect(f"file:{copy}?mode=ro", key, uri=True)
    try:
        check = [r[0] for r in b.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            raise DatabaseError(f"the encrypted copy failed its check: {check[:3]}")
        if table_counts(a) != table_counts(b):
            raise DatabaseError("the encrypted copy does not hold the same rows")
    finally:
        a.close()
        b.close()


def restrict_file(path: Path) -> None:
    """Readable and writable by the user only (0600; on Windows the profile's ACL applies)."""
    os.chmod(path, 0o600)


def online_copy(src: Path, dest: Path, key: bytes | None) -> None:
    """A consistent copy of a live database (SQLite's online backup API), same key, 0600."""
    source = connect(f"file:{src}?mode=ro", key, uri=True)
    try:
        target = connect(dest, key)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    restrict_file(dest)
