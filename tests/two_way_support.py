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


def enroll(ws: Workspace, bureau, folder: Path, policy=FAST) -> HttpTransport:
    """Import a fresh enrollment file of the bureau's school and register ``ws``."""
    folder.mkdir(parents=True, exist_ok=True)
    transport = HttpTransport(bureau.url, policy=policy)
    import_enrollment(ws, bureau.enroll(folder))
    assert register(ws, transport).registered
    return transport


def join(path: Path, bureau, folder: Path) -> tuple[Workspace, HttpTransport]:
    """A new PC: an empty data folder that joins the school by its enrollment file."""
    ws = Workspace.open(path)
    return ws, enroll(ws, bureau, folder)


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
        assert not diff, f"{ws.data_dir.name} differs from the bureau: {diff}"
