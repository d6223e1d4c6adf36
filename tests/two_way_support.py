"""Several PCs of one school and a real bureau: helpers for the two-way sync tests."""

from __future__ import annotations

from pathlib import Path

from app.actor import Actor
from app.sync.enrollment import import_enrollment, register
from app.sync.transport import HttpTransport, RetryPolicy
from app.workspace import Workspace
from db.models import UserAccount
from tests.convergence import bureau_hashes, school_hashes

FAST = RetryPolicy(attempts=6, timeout=30, wait_initial=0.01, wait_max=0.05, wait_jitter=0.01)


def enroll(
    ws: Workspace, bureau, folder: Path, policy=FAST, code: str | None = None
) -> HttpTransport:
    """Import a fresh enrollment file of the bureau's school (``code``) and register ``ws``."""
    folder.mkdir(parents=True, exist_ok=True)
    transport = HttpTransport(bureau.url, policy=policy)
    import_enrollment(ws, bureau.enroll(folder, **({"code": code} if code else {})))
    assert register(ws, transport).registered
    return transport


def join(
    path: Path, bureau, folder: Path, code: str | None = None, blank=None
) -> tuple[Workspace, HttpTransport]:
    """A new PC: an empty data folder that joins the school by its enrollment file.

    ``blank``: the tests' migrated blank database (tests/templates.py), copied instead
    of migrating a new one."""
    ws = Workspace.open(blank.copy_to(path) if blank is not None else path)
    return ws, enroll(ws, bureau, folder, code=code)


def principal_on(ws: Workspace) -> Actor:
    """The school's principal acting on ``ws`` (a joined PC has the account, not the secret)."""
    from sqlalchemy import select

    with ws.read() as s:
        user = s.scalar(select(UserAccount).where(UserAccount.role == "principal"))
        return Actor(user.id, user.display_name, user.role)


def same_everywhere(bureau_url: str, school_id, *pcs: Workspace) -> None:
    """Every PC and the bureau hold identical rows for every synced table."""
    at_bureau = bureau_hashes(bureau_url, school_id)
    for ws in pcs:
        here = school_hashes(ws.data_dir, school_id)
        diff = {
            t: (len(here.get(t, {})), len(at_bureau.get(t, {})))
            for t in set(here) | set(at_bureau)
            if here.get(t, {}) != at_bureau.get(t, {})
        }
        assert not diff, (
            f"{ws.data_dir.name} differs from the bureau: {diff}; "
            f"{_first_difference(ws, bureau_url, school_id, sorted(diff)[0])}"
        )


def _first_difference(ws: Workspace, bureau_url: str, school_id, table: str) -> str:
    """The first row of ``table`` that differs, column by column (for the failure message)."""
    from sqlalchemy import select

    from db.base import Base, is_local_only
    from db.session import make_engine
    from tests.convergence import _plain, school_engine

    t = Base.metadata.tables[table]
    cols = [c for c in t.c if not is_local_only(c)]

    def rows(engine):
        with engine.connect() as conn:
            got = conn.execute(select(*cols).where(t.c.school_id == school_id)).all()
        engine.dispose()
        return {str(r.id): {c.name: _plain(v) for c, v in zip(cols, r, strict=True)} for r in got}

    here, there = rows(school_engine(ws.data_dir)), rows(make_engine(bureau_url))
    for rid in sorted(set(here) | set(there)):
        a, b = here.get(rid), there.get(rid)
        if a != b:
            if a is None or b is None:
                return f"row {rid} only {'at the bureau' if a is None else 'on the PC'}"
            return f"row {rid}: " + ", ".join(
                f"{k}: PC {a[k]!r} / bureau {b[k]!r}" for k in a if a[k] != b[k]
            )
    return ""
