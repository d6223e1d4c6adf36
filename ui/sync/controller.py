"""When sync runs: network back, a timer, "sync now", and urgent records at once.

One :class:`SyncController` per signed-in context (:meth:`SyncController.of`),
started by the main window. It owns the triggers:

* **network** — Qt's ``QNetworkInformation`` with whatever reachability
  backend the platform has (NetworkManager/glib on Linux, the system's on
  Windows); when none loads, a cheap TCP probe of the bureau's address every
  minute (:func:`app.sync.transport.reachable`). A change to "online" starts
  a pass, and so does the first reading at start-up when this PC is
  enrolled and online. :attr:`reachability_source` says which one is in use.
* **timer** — every 15 minutes, doubling after each failed pass up to 4
  hours, back to 15 minutes after a good one;
* **sync now** — :meth:`sync_now`;
* **urgent records** — the workspace calls its listeners after every commit,
  on the thread that committed; the listener only emits a queued signal, and
  an urgent commit starts a pass on the UI thread.

A pass runs in the background (:mod:`ui.operations`); its upload progress
arrives through :attr:`progress` (emitted on the worker thread, delivered
queued on the UI thread). Only one pass runs at a time: a trigger during a
pass asks for one more pass afterwards. Threading: UI thread, except the
commit listener and the progress callback, which only emit signals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.sync.status import SyncOverview, is_enrolled, sync_overview
from app.workspace import Committed
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import translate
from ui.operations import run_in_background

if TYPE_CHECKING:
    from app.sync.service import SyncProgress, SyncReport

INTERVAL_MS = 15 * 60 * 1000
MAX_INTERVAL_MS = 4 * 3600 * 1000
PROBE_MS = 60 * 1000

TransportFactory = Callable[[str], object]


def status_text(overview: SyncOverview) -> str:
    """The status bar's words for the last successful sync (and whether the last try failed)."""
    if not overview.enrolled:
        return translate("Sync", "Sync: not enrolled")
    if overview.last_sync_at is None:
        text = translate("Sync", "Not synced yet")
    else:
        text = translate("Sync", "Last sync: {time}").format(
            time=format_time(overview.last_sync_at)
        )
    if overview.last_problem:
        text += translate("Sync", " (the latest attempt failed; see the sync page)")
    return text


class SyncController(QObject):
    started = Signal()  # a pass began
    progress = Signal(object)  # SyncProgress (queued from the worker)
    finished = Signal(object)  # SyncReport, or None when this PC is not enrolled
    failed = Signal(str)  # a message the user can act on
    overview_changed = Signal(object)  # SyncOverview
    online_changed = Signal(bool)
    _committed = Signal(bool)  # urgent? — emitted on whichever thread committed

    @classmethod
    def of(cls, ctx: AppContext) -> SyncController:
        """The context's controller, made on first use (it lives as long as the context)."""
        found = ctx.events.findChild(SyncController)
        return found if found is not None else cls(ctx)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx.events)
        self.ws = ctx.workspace
        self.running = False
        self.failures = 0
        self.passes = 0  # finished passes, for tests and the page
        self.overview = SyncOverview()
        self.online: bool | None = None
        self.reachability_source = ""  # "qt:<backend>" or "probe"
        # Tests hand in a transport with a quick retry policy; None = the real one.
        self.transport_factory: TransportFactory | None = None
        self._again = False
        self._started = False
        # With the system's network watcher, one pass once the state is read
        # (the probe's first answer does that job otherwise).
        self._pass_at_start = False
        self._unsubscribe: Callable[[], None] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.sync_now("timer"))
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_MS)
        self.probe_timer.timeout.connect(self.probe)
        self._committed.connect(self._on_committed, Qt.ConnectionType.QueuedConnection)

    # -- triggers ----------------------------------------------------------------------

    def start(self, *, system_network: bool = True) -> None:
        """Listen for commits and the network, read the state, arm the timer (once)."""
        if self._started:
            return
        self._started = True
        unsubscribe = self.ws.subscribe(self._listener)
        self._unsubscribe = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())
        self._watch_network(system_network)
        self.refresh()
        self._schedule()

    def stop(self) -> None:
        self.timer.stop()
        self.probe_timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _listener(self, event: Committed) -> None:  # any thread: emit only
        if shiboken6.isValid(self):
            self._committed.emit(event.urgent)

    def _on_committed(self, urgent: bool) -> None:
        if urgent:
            self.sync_now("urgent")

    def _watch_network(self, system_network: bool) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        feature = QNetworkInformation.Feature.Reachability
        if system_network and QNetworkInformation.loadBackendByFeatures(feature):
            info = QNetworkInformation.instance()
            self.reachability_source = f"qt:{info.backendName()}"
            self.online = self._is_online(info.reachability())
            self._pass_at_start = self.online is not False
            info.reachabilityChanged.connect(
                lambda r: self.set_online(self._is_online(r)) if shiboken6.isValid(self) else None
            )
        else:
            self.reachability_source = "probe"
            self.probe_timer.start()

    @staticmethod
    def _is_online(reachability) -> bool:
        from PySide6.QtNetwork import QNetworkInformation

        r = QNetworkInformation.Reachability
        # "Site" is an intranet: a bureau server inside the county network is reachable.
        return reachability in (r.Online, r.Site)

    def set_online(self, online: bool) -> None:
        """The network came up or went down; coming up (or first seen up) starts a pass."""
        was, self.online = self.online, online
        if was != online:
            self.online_changed.emit(online)
        if online and was is not True:
            self.sync_now("network")

    def probe(self) -> None:
        """Check once whether the bureau's address answers (the fallback watcher)."""
        url = self.overview.bureau_url
        if not url or self.running:
            return
        from app.sync.transport import reachable

        run_in_background(
            lambda: reachable(url),
            on_done=self._probed,
            on_error=lambda _m, _e: None,
            description="sync: probe bureau",
        )

    def _probed(self, ok: bool) -> None:
        if shiboken6.isValid(self):
            self.set_online(ok)

    def _schedule(self) -> None:
        self.timer.start(min(INTERVAL_MS * 2 ** min(self.failures, 8), MAX_INTERVAL_MS))

    @property
    def interval_ms(self) -> int:
        return self.timer.interval()

    # -- a pass ------------------------------------------------------------------------

    def sync_now(self, trigger: str = "manual") -> bool:
        """Start a pass unless one is running (then one more follows). True if started."""
        if self.running:
            self._again = True
            return False
        self.running = True
        self.started.emit()
        ws, factory, automatic = self.ws, self.transport_factory, trigger != "manual"
        emit = self.progress.emit

        def on_progress(p: SyncProgress) -> None:  # worker thread
            if shiboken6.isValid(self):
                emit(p)

        def work() -> SyncReport | None:
            from app.sync.service import sync_pass  # requests & co. load with the first pass

            if automatic and not is_enrolled(ws):
                return None  # nothing to do until the enrollment file is imported
            if factory is not None:
                from app.sync.enrollment import current_enrollment

                transport = factory(current_enrollment(ws).bureau_url)
            else:
                transport = _ui_transport(ws)
            return sync_pass(ws, transport=transport, progress=on_progress)

        run_in_background(
            work, on_done=self._done, on_error=self._error, description=f"sync pass ({trigger})"
        )
        return True

    def _done(self, report: SyncReport | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.running = False
        self.passes += 1
        if report is not None:
            self.failures = self.failures + 1 if report.problem else 0
        self.finished.emit(report)
        self._after_pass()

    def _error(self, message: str, _error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.running = False
        self.passes += 1
        self.failures += 1
        self.failed.emit(message)
        self._after_pass()

    def _after_pass(self) -> None:
        self.refresh()
        self._schedule()
        if self._again:
            self._again = False
            QTimer.singleShot(0, self, lambda: self.sync_now("again"))

    # -- state -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the enrollment and bundles again; :attr:`overview_changed` follows."""
        ws = self.ws
        run_in_background(
            lambda: sync_overview(ws),
            on_done=self._overview,
            on_error=lambda _m, _e: None,
            description="sync: overview",
        )

    def _overview(self, overview: SyncOverview) -> None:
        if not shiboken6.isValid(self):
            return
        self.overview = overview
        self.overview_changed.emit(overview)
        if self._pass_at_start:  # the first reading after start only
            self._pass_at_start = False
            if overview.enrolled:
                self.sync_now("start")

    def last_sync_at(self) -> datetime | None:
        return self.overview.last_sync_at


def _ui_transport(ws):
    """The bureau's transport with a shorter patience than the command line's.

    Someone may be watching the page; the timer and the network watcher
    come back anyway, so a pass gives up after about a minute and a half.
    """
    from app.sync.enrollment import current_enrollment
    from app.sync.transport import HttpTransport, RetryPolicy

    return HttpTransport(
        current_enrollment(ws).bureau_url, policy=RetryPolicy(attempts=4, timeout=90, wait_max=20)
    )
