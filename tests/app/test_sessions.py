"""Signing out is audited and drops what was held in memory for the person."""

from __future__ import annotations

from app.accounts import sessions
from db.models import AuditEntry


def test_sign_out_is_audited_and_runs_the_end_hooks(workspace, principal):
    ended: list = []
    sessions.on_session_end(ended.append)
    try:
        sessions.end_session(workspace, principal)
    finally:
        sessions._hooks.remove(ended.append)
    assert ended == [principal.user_id]
    with workspace.read() as s:
        actions = [e.action for e in s.query(AuditEntry).order_by(AuditEntry.seq)]
    assert actions[-1] == "logout"
