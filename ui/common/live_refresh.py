"""Lists that keep themselves up to date: a page reads again after a commit changes what it shows.

A page adds one line in its constructor::

    self.live = LiveRefresh(self, ctx, self.refresh, tables=("staff_member", "user_account"))

From then on, whichever page, dialog or background job commits an action:

* an action that touched one of ``tables`` (synced table names, see
  :attr:`app.workspace.Committed.tables`), or whose name starts with one of
  ``actions``, counts; with neither given, every commit counts. So does an
  ``AppEvents.changed`` area named in ``areas`` (``"*"``: any area) — what a
  page announces without a commit, such as the daily backup;
* commits that come in a burst are folded into one read, ``debounce_ms``
  after the last of them;
* a visible page reads again then; a hidden one is only marked stale and
  reads the next time it is shown (with ``on_show=False`` the page's own
  ``showEvent`` does that and the mark is just cleared);
* when the page is destroyed the workspace listener is removed, and a commit
  that was already on its way is dropped — nothing reaches a deleted widget.

A page that refreshes itself right after its own save can call
:meth:`LiveRefresh.refresh_now` instead, which also cancels the read the save's
commit has scheduled.

Threading: create and use on the UI thread. The workspace calls listeners on
whichever thread committed; the listener here only checks the commit's names
and emits a number on one relay object that lives as long as the program
(never on the page), and Qt queues it to the UI thread, where the number is
looked up among the live pages.
"""

from __future__ import annotations

import dataclasses
import itertools
import weakref
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.workspace import Committed
from ui.context import AppContext

DEBOUNCE_MS = 250


@dataclasses.dataclass(frozen=True)
class Interest:
    """Which commits a page cares about. Plain data: it is called on committing threads."""

    tables: frozenset[str] = frozenset()
    actions: tuple[str, ...] = ()

    def __call__(self, event: Committed) -> bool:
        if not self.tables and not self.actions:
            return True
        return bool(event.tables & self.tables) or event.name.startswith(self.actions)


class _Relay(QObject):
    """The one object commit listeners emit on; it lives on the UI thread until the program ends."""

    heard = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        # Weak: the relay keeps no page alive, and forgetting one frees nothing.
        self.targets: dict[int, weakref.ref[LiveRefresh]] = {}
        self.heard.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int)
    def _deliver(self, key: int) -> None:
        ref = self.targets.get(key)
        target = ref() if ref is not None else None
        if target is not None and shiboken6.isValid(target):
            target.changed()


_relay: _Relay | None = None
_keys = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
    return _relay


def _listener(relay: _Relay, key: int, interest: Interest) -> Callable[[Committed], None]:
    def heard(event: Committed) -> None:  # the committing thread: no widgets here
        if interest(event):
            relay.heard.emit(key)

    return heard


class LiveRefresh(QObject):
    """Keeps ``page`` in step with the database by calling ``refresh`` after relevant commits."""

    def __init__(
        self,
        page: QWidget,
        ctx: AppContext,
        refresh: Callable[[], None],
        *,
        tables: Iterable[str] = (),
        actions: Iterable[str] = (),
        areas: Iterable[str] = (),
        on_show: bool = True,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._refresh = refresh
        self._on_show = on_show
        self._areas = frozenset(areas)
        self.interest = Interest(frozenset(tables), tuple(actions))
        self.stale = False
        self.refreshes = 0  # reads this helper started; tests wait on it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._due)

        relay, key = _the_relay(), next(_keys)
        relay.targets[key] = weakref.ref(self)
        unsubscribe = ctx.workspace.subscribe(_listener(relay, key, self.interest))

        def forget(*_args) -> None:  # holds no reference to the page or to self
            unsubscribe()
            relay.targets.pop(key, None)

        self.destroyed.connect(forget)
        if self._areas:
            ctx.events.changed.connect(self._area_changed)
        page.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """A read is scheduled (the debounce is running)."""
        return self._timer.isActive()

    def changed(self) -> None:
        """Something the page shows changed: read again soon if visible, else when shown."""
        self._timer.start()

    def refresh_now(self) -> None:
        """Read now, dropping a read already scheduled (after the page's own save, say)."""
        self._timer.stop()
        self._run()

    def _area_changed(self, area: str) -> None:
        if area in self._areas or "*" in self._areas:
            self.changed()

    def _due(self) -> None:
        if self._page.isVisible():
            self._run()
        else:
            self.stale = True

    def _run(self) -> None:
        self.stale = False
        self.refreshes += 1
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            if self._on_show:
                self._run()
            else:
                self.stale = False  # the page reads on every show by itself
        return False
