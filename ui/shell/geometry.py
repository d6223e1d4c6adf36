"""Windows that fit the screen they open on, and remember their size.

The school PC is a 1366×768 laptop with a taskbar (some are 1280×720), so no
window may be sized by a fixed number larger than that. Three pieces:

* :func:`fit_window` — for a window with a preferred size (the main window,
  the print preview, the drill editor): the preferred (or remembered) size,
  bounded by the **available** geometry of the screen it opens on (taskbars
  excluded) less room for the window frame; a top-level window is centred
  there. With ``name`` the size and the maximised state are remembered in
  the preferences (:mod:`app.preferences`) when the window closes or hides.
* :class:`ScreenFit` — an application-wide filter (installed at start-up by
  :func:`install_screen_fit`) that, whenever any window or dialog is shown,
  shrinks and moves it into the available area if it sticks out. A window
  whose layout needs more room than the screen has cannot be shrunk: the
  screen-fit test (tests/ui/test_screen_fit.py) finds those.
* :func:`available_area` — the rectangle in question.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.preferences import WindowSize, remember_window, window_size

# Room for a window manager's frame and title bar before the window has one.
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(window: QWidget) -> QRect:
    """The available geometry (without taskbars and docks) of the screen ``window`` is on.

    A window not shown yet opens on its parent's screen, else on the primary one.
    """
    parent = window.parentWidget()
    screen = None
    if window.isVisible():
        screen = window.screen()
    elif parent is not None:
        screen = parent.window().screen()
    screen = screen or window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame(window: QWidget) -> QSize:
    """The size the frame adds: measured once the window is shown, else the allowance."""
    if window.isVisible():
        outer, inner = window.frameGeometry(), window.geometry()
        return QSize(outer.width() - inner.width(), outer.height() - inner.height())
    return FRAME_ALLOWANCE


def fitting_size(preferred: QSize, area: QRect, frame: QSize = FRAME_ALLOWANCE) -> QSize:
    """``preferred`` bounded so that, with its frame, it fits ``area``."""
    room = QSize(max(1, area.width() - frame.width()), max(1, area.height() - frame.height()))
    return preferred.boundedTo(room)


def fit_window(window: QWidget, preferred: QSize, name: str | None = None) -> None:
    """Size ``window`` for its screen before it is shown (see the module's docstring).

    ``preferred`` is the size on a large screen; on a smaller one the window
    gets what the screen's available area allows. With ``name`` the size and
    maximised state it had when last closed come back (bounded the same way).
    """
    area = available_area(window)
    saved = window_size(name) if name else None
    wanted = QSize(saved.width, saved.height) if saved else preferred
    size = fitting_size(wanted, area)
    window.resize(size)
    if window.parentWidget() is None:
        # Centred in the available area; a dialog with a parent is centred over it by Qt.
        top_left = area.center() - QPoint(size.width() // 2, size.height() // 2)
        top_left.setY(max(area.top(), top_left.y() - FRAME_ALLOWANCE.height() // 2))
        window.move(top_left)
    if saved is not None and saved.maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    if name:
        _Remember(window, name)


class _Remember(QObject):
    """Saves the window's normal size and maximised state when it closes (or hides)."""

    def __init__(self, window: QWidget, name: str) -> None:
        super().__init__(window)
        self.name = name
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Closing hides a window too; a hidden window keeps its normal size and state.
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget):
            normal = watched.normalGeometry()
            if normal.isValid() and not normal.isEmpty():
                remember_window(
                    self.name, WindowSize(normal.width(), normal.height(), watched.isMaximized())
                )
        return False


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move a shown ``window`` so that its frame lies in the available area.

    It never goes below the window's minimum size: a layout that needs more
    room than the screen has stays too large (and the screen-fit test says so).
    """
    if not window.isVisible() or window.isMaximized() or window.isFullScreen():
        return
    area = available_area(window)
    frame = _frame(window)
    outer = window.frameGeometry()
    if area.contains(outer):
        return
    size = fitting_size(window.size(), area, frame).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
        outer = window.frameGeometry()
    x = min(max(outer.x(), area.left()), area.right() + 1 - outer.width())
    y = min(max(outer.y(), area.top()), area.bottom() + 1 - outer.height())
    window.move(max(x, area.left()), max(y, area.top()))


class ScreenFit(QObject):
    """Application event filter: every window and dialog shown is kept on its screen."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and _is_window(watched)
        ):
            keep_on_screen(watched)
            # Again once the window manager has framed and placed it.
            QTimer.singleShot(0, watched, lambda w=watched: keep_on_screen(w))
        return False


def _is_window(widget: QWidget) -> bool:
    if not widget.isWindow():
        return False
    kind = widget.windowType()
    return kind in (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)


def install_screen_fit(app: QApplication) -> ScreenFit:
    """Keep every window the app shows inside its screen's available area (start-up)."""
    found = app.findChild(ScreenFit)
    if found is not None:
        return found
    fit = ScreenFit(app)
    app.installEventFilter(fit)
    return fit
