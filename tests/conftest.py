"""Shared fixtures: real SQLite files in tmp dirs, a real PostgreSQL when reachable."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

# Must be set before any QApplication exists (pytest-qt creates one lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.school.service import SchoolProfile, set_up_school  # noqa: E402
from app.workspace import Workspace  # noqa: E402
from tests.helpers import PRINCIPAL_PASSWORD, make_user  # noqa: E402,F401


@pytest.fixture(scope="session", autouse=True)
def _session_user_dirs(tmp_path_factory):
    """Fixtures built once per module or session (a demo school) keep their keys, such as the
    audit key, out of the real user's folders too; each test then gets its own (below)."""
    patch = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("session-home")
    patch.setenv("XIAOAN_CONFIG_DIR", str(home / "config"))
    patch.setenv("XIAOAN_DATA_DIR", str(home / "data"))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(request, tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's preferences or data folder.

    A test whose fixtures include :func:`module_user_dirs` shares its module's
    folders, so a data folder built once for the module finds its database key.
    """
    if "module_user_dirs" in request.fixturenames:
        home = request.getfixturevalue("module_user_dirs")
    else:
        home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XIAOAN_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XIAOAN_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("XIAOAN_LANG", raising=False)


@pytest.fixture(scope="module")
def module_user_dirs(tmp_path_factory):
    """One preferences folder (and key folder) for a whole module: for module-scoped fixtures
    that build a data folder, whose database key must still be found by every test."""
    home = tmp_path_factory.mktemp("module-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XIAOAN_CONFIG_DIR", str(home / "config"))
        mp.setenv("XIAOAN_DATA_DIR", str(home / "data"))
        yield home


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo school (``build_demo`` with its defaults), built once for the whole run.

    Take a fresh copy with ``demo_template.copy_to(path)``: its keys are kept where the
    current test keeps its own, as if the test had built the school there.
    """
    from tests.templates import DemoTemplate

    template = DemoTemplate(tmp_path_factory.mktemp("demo-template"))
    template.build()
    return template


@pytest.fixture(autouse=True)
def _signing_keys_dropped_after_each_test():
    """No person's unlocked signing key outlives the test that signed them in."""
    yield
    from app.signing.session_keys import forget_everyone

    forget_everyone()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def empty_workspace(data_dir) -> Workspace:
    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def blank_database(tmp_path_factory):
    """The database a first open makes (every migration run), made once for the whole run."""
    from tests.templates import BlankDatabase

    blank = BlankDatabase(tmp_path_factory.mktemp("blank-database"))
    blank.build()
    return blank


@pytest.fixture
def workspace(data_dir, blank_database) -> Workspace:
    """A workspace with a school (nine-year, boarding, buses) and its principal.

    Its folder starts from a copy of the blank database, with its own id, key and device;
    ``empty_workspace`` is the one that runs the migrations.
    """
    ws = Workspace.open(blank_database.copy_to(data_dir))
    set_up_school(
        ws,
        SchoolProfile(
            name="东风乡中心学校",
            code="220105-0012",
            kind="nine_year",
            boarding=True,
            has_school_bus=True,
        ),
        principal_name="张丽",
        username="zhangli",
        secret_kind="password",
        secret=PRINCIPAL_PASSWORD,
    )
    yield ws
    ws.close()


@pytest.fixture
def principal(workspace) -> Actor:
    from app.accounts.service import authenticate

    return authenticate(workspace, "zhangli", PRINCIPAL_PASSWORD)


# -- PostgreSQL ---------------------------------------------------------------

PG_ADMIN_URL = os.environ.get(
    "XIAOAN_TEST_PG_URL", "postgresql+psycopg://xiaoan:xiaoan@127.0.0.1:5432/postgres"
)


def _pg_reachable() -> str | None:
    try:
        import psycopg

        url = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return str(exc)


def _require_postgres() -> None:
    """Skip (or, under ``make test``, fail) when PostgreSQL does not answer.

    ``make test`` brings PostgreSQL up and sets XIAOAN_REQUIRE_POSTGRES=1, so
    there an unreachable server fails the test instead of skipping it.
    """
    problem = _pg_reachable()
    if problem:
        if os.environ.get("XIAOAN_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL not reachable: {problem}")
        pytest.skip(f"PostgreSQL not reachable: {problem}")


def _pg_admin(sql: str) -> None:
    import psycopg

    admin = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _pg_url(name: str) -> str:
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


class _Dropper:
    """Drops the tests' databases on a thread of its own: PostgreSQL checkpoints on each
    DROP DATABASE (a second or more of disk writes), which need not hold up the next test."""

    def __init__(self) -> None:
        import queue
        import threading

        self.queue: queue.Queue[str | None] = queue.Queue()
        self.errors: list[str] = []
        self.thread = threading.Thread(target=self._run, name="drop-test-databases", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (name := self.queue.get()) is not None:
            try:
                _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as exc:  # noqa: BLE001 - reported when the run ends
                self.errors.append(f"{name}: {exc}")

    def drop(self, name: str) -> None:
        self.queue.put(name)

    def finish(self) -> None:
        self.queue.put(None)
        self.thread.join()
        assert not self.errors, f"test databases not dropped: {self.errors}"


@pytest.fixture(scope="session")
def _pg_dropper():
    dropper = _Dropper()
    yield dropper
    dropper.finish()


@pytest.fixture(scope="session")
def _postgres_at_head(_pg_dropper):
    """A PostgreSQL database with every migration run, made once: the template of each
    test's database (CREATE DATABASE ... TEMPLATE copies it in a fraction of a second)."""
    _require_postgres()
    from db import schema
    from db.session import make_engine

    name = f"xiaoan_test_head_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    try:
        engine = make_engine(_pg_url(name))
        try:
            schema.upgrade(engine)
            assert schema.current(engine) == schema.HEAD
        finally:
            engine.dispose()  # a template must have no connections when it is copied
        yield name
    finally:
        _pg_dropper.drop(name)


@pytest.fixture
def postgres_url(_postgres_at_head, _pg_dropper):
    """A fresh PostgreSQL database of its own for one test, dropped afterwards, with the
    schema at head (a copy of :func:`_postgres_at_head`): what ``xiaoan-bureau init``
    leaves, so a bureau's ``init`` on it finds nothing to migrate. Tests of the
    migrations themselves take :func:`empty_postgres_url`."""
    name = f"xiaoan_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{_postgres_at_head}"')
    yield _pg_url(name)
    _pg_dropper.drop(name)


@pytest.fixture
def empty_postgres_url(_pg_dropper):
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    _require_postgres()
    name = f"xiaoan_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    yield _pg_url(name)
    _pg_dropper.drop(name)


@pytest.fixture
def memory_keyring():
    """Install an in-memory keyring for one test, restoring the previous backend after."""
    import keyring

    from tests.helpers import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    """keyring's fail backend — a PC with no OS keyring at all — for one test, restored after."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
