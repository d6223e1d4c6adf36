"""Schools built once per test run, and a fresh copy of one for each test that needs it.

*The demo school.* Building it (:func:`app.demo.build_demo`) plays a month of a school's
history and takes a quarter of a minute; copying its data folder takes a fraction of a
second. A copy is the same school: the same folder id (so the same database key) and the
same database (so the same device and audit key). Those keys are kept outside the data
folder (:mod:`app.sync.keystore`), so a copy brings them along: every key the build kept
is kept again where the copying test keeps its keys — its keyring (``memory_keyring``) or
its own key folder — just as if the test had built the school itself. Tests about building
the demo (tests/app/test_demo.py, ``xiaoan demo``) still build it, and a test that needs a
second, different school builds that one.

*The blank database.* A first :meth:`Workspace.open` of an empty folder runs every
migration (about a second); the schema they make is the same each time. A copy of that
database, re-keyed, in a folder with its own id and key, is what a first open leaves
before it opens the database: opening it then gives the workspace its own device as usual.
Tests about creating a database (``empty_workspace``, tests/db/test_migrations.py) still
run the migrations.

Each copy is its own folder: a test that changes its school changes no other test's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import data_key
from app.demo import build_demo
from app.workspace import DB_FILENAME, migrate_sqlite
from db import cipher


class DemoTemplate:
    """The demo school built once with default arguments, in a folder of its own."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.data_dir = self.root / "school"
        self.keys: dict[str, str] = {}  # every secret the build kept, by its keystore name

    def build(self) -> None:
        import keyring
        from keyring.backends import fail

        from app.signing.session_keys import forget_everyone
        from app.sync import keystore

        store = keystore.store

        def recording_store(name: str, value: str) -> None:
            self.keys[name] = value
            store(name, value)

        previous = keyring.get_keyring()
        keyring.set_keyring(fail.Keyring())  # keys in files under the template's own config
        try:
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("XIAOAN_CONFIG_DIR", str(self.root / "config"))
                mp.setenv("XIAOAN_DATA_DIR", str(self.root / "data"))
                mp.setattr(keystore, "store", recording_store)
                build_demo(self.data_dir)
        finally:
            keyring.set_keyring(previous)
            forget_everyone()  # nobody stays signed in from the build
        assert self.keys, "the demo kept no keys: its database key must be copied along"

    def copy_to(self, dest: Path | str) -> Path:
        """A fresh copy of the school at ``dest`` (which must not exist), its keys kept here."""
        from app.sync import keystore

        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(self.data_dir, dest, symlinks=True)
        for name, value in self.keys.items():
            keystore.store(name, value)
        return dest


class BlankDatabase:
    """The database a first open makes in an empty folder (schema at head, no rows), made once."""

    def __init__(self, root: Path):
        self.path = Path(root) / DB_FILENAME
        self.key = cipher.new_key()

    def build(self) -> None:
        migrate_sqlite(self.path, self.key)

    def copy_to(self, data_dir: Path | str) -> Path:
        """``data_dir`` as a first open leaves it just before opening the database: its own
        folder id and database key (kept where this test keeps keys), the schema re-keyed."""
        data_dir = Path(data_dir)
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = data_key.ensure_key(data_dir)
        db_path = data_dir / DB_FILENAME
        shutil.copyfile(self.path, db_path)
        conn = cipher.connect(db_path, self.key, isolation_level=None)
        try:
            conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
        finally:
            conn.close()
        cipher.restrict_file(db_path)
        return data_dir
