"""Listeners hear committed actions (and only committed ones), with their urgency."""

import pytest

from app.workspace import Committed


def test_listeners_hear_commits_not_rollbacks(workspace, principal):
    heard: list[Committed] = []
    unsubscribe = workspace.subscribe(heard.append)
    with workspace.action(principal, "test.touch", always_audit=True, urgent=True):
        pass
    with pytest.raises(RuntimeError), workspace.action(principal, "test.fail", always_audit=True):
        raise RuntimeError("boom")
    unsubscribe()
    with workspace.action(principal, "test.after", always_audit=True):
        pass
    assert heard == [Committed("test.touch", urgent=True)]
