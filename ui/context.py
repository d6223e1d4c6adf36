"""What every page gets: the open workspace, the signed-in user and the school.

Pages reach the rest of the app only through this object (no global main
window). Lists refresh themselves after every commit that changes what they
show (:class:`ui.common.live_refresh.LiveRefresh`); ``events`` carries what a
commit does not: a change made outside an action (the daily backup), or a
request to open a page.

Threading: create and use on the UI thread; ``workspace`` and ``actor`` may
be handed to background operations (both are safe to share).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Signal

from app.actor import Actor
from app.school.service import SchoolProfile
from app.workspace import Workspace


class AppEvents(QObject):
    """Signals between pages, emitted and received on the UI thread."""

    # area that changed: "backup", "staff", "school", "audit"
    changed = Signal(str)
    # a page asks the main window to show page ``key`` and, if given, one record there
    open_requested = Signal(str, object)


@dataclasses.dataclass
class AppContext:
    workspace: Workspace
    actor: Actor
    school: SchoolProfile
    events: AppEvents = dataclasses.field(default_factory=AppEvents)
