"""A person's session on this PC: it begins at sign-in and ends at sign-out.

Whatever is held in memory for the signed-in person only (an unlocked
signing key, say) registers an end hook with :func:`on_session_end`; signing
out and switching to another user call :func:`end_session`, which records
the sign-out in the audit trail and runs every hook. Locking the screen for
a while is not an end: the same person unlocks and carries on.

Threading: hooks run on the thread that calls :func:`end_session` (a worker
thread in the UI); a hook must be quick and must not raise.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

from app.actor import Actor
from app.workspace import Workspace

EndHook = Callable[[uuid.UUID], None]

_hooks: list[EndHook] = []
_lock = threading.Lock()


def on_session_end(hook: EndHook) -> None:
    """Call ``hook(user_id)`` whenever a person's session on this PC ends."""
    with _lock:
        if hook not in _hooks:
            _hooks.append(hook)


def end_session(ws: Workspace, actor: Actor) -> None:
    """``actor`` signs out: audit it, then drop everything held for them in memory."""
    if actor.user_id is None:
        return
    try:
        with ws.action(actor, "logout", always_audit=True):
            pass
    finally:
        with _lock:
            hooks = list(_hooks)
        for hook in hooks:
            hook(actor.user_id)
