"""Where the signed-in person has typed something that may not be saved yet.

Signing out or switching user must not throw away someone's half-typed form
without asking. Few forms keep a "modified" flag, so the shell notices typing
itself: an application-wide event filter marks a **place** — a page of the
main window, or a dialog — as edited when the person types into, pastes
into or changes a field there (line and text edits, spin and date boxes,
combo boxes, check boxes, a signature pad). The mark is cleared when that
place's own work succeeds and announces a change: ``ctx.events.changed``
emitted while an operation asked for by a widget of that place delivers its
result (its save; :func:`ui.operations.delivering_for`). A page or dialog
that knows better defines ``unsaved_input() -> bool`` and is asked instead.

:func:`unsaved_places` lists what would be lost, in people's words (page
titles, dialog titles). It errs on the side of asking: a field typed into
and then saved by a form that announces nothing stays marked.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.main_window import PAGE_PROPERTY, MainWindow
from ui.operations import delivering_for

EDITED_PROPERTY = "xiaoanEdited"
_NAVIGATION_KEYS = frozenset(
    {Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape}
)
_ERASING_KEYS = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Delete})
_EDITING_KEYS = (
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Delete,
)


def place_of(widget: QWidget) -> QWidget:
    """The page (of the main window) or the window/dialog ``widget`` belongs to."""
    w: QWidget | None = widget
    while w is not None:
        if w.property(PAGE_PROPERTY) or w.isWindow():
            return w
        w = w.parentWidget()
    return widget.window()


def _editable_text(widget: QObject) -> bool:
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


def _changes_input(widget: QObject, event: QEvent) -> bool:
    kind = event.type()
    if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
        if isinstance(widget, QAbstractSpinBox):
            return not widget.isReadOnly() and event.key() not in _NAVIGATION_KEYS
        if not _editable_text(widget):
            return False
        if any(event.matches(k) for k in _EDITING_KEYS):
            return True
        text = event.text()
        return event.key() in _ERASING_KEYS or bool(text and text.isprintable())
    if kind == QEvent.Type.InputMethod:
        return _editable_text(widget) and bool(event.commitString())
    if kind == QEvent.Type.MouseButtonRelease:
        if isinstance(widget, QAbstractButton):
            return widget.isCheckable() and widget.isEnabled()
        if isinstance(widget, QComboBox):
            return widget.isEnabled()
        from ui.common.signature_pad import SignaturePad

        return isinstance(widget, SignaturePad) and widget.isEnabled()
    return False


class EditTracker(QObject):
    """Marks places the person has typed in; clears a place when its own save succeeds."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        QApplication.instance().installEventFilter(self)

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)

    def watch(self, window: MainWindow) -> None:
        """Clear marks when ``window``'s forms announce that their work was saved."""
        window.ctx.events.changed.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if isinstance(watched, QWidget) and _changes_input(watched, event):
            place_of(watched).setProperty(EDITED_PROPERTY, True)
        return False

    def _changed(self, _area: str) -> None:
        source = delivering_for()
        if source is not None:
            place_of(source).setProperty(EDITED_PROPERTY, False)


def _has_unsaved(place: QWidget) -> bool:
    check = getattr(place, "unsaved_input", None)
    if callable(check):
        return bool(check())
    return bool(place.property(EDITED_PROPERTY))


def unsaved_places(window: MainWindow) -> list[str]:
    """Titles of the pages and open dialogs where input may not be saved yet."""
    names = [
        window.page_title(key) for key, page in window.created_pages().items() if _has_unsaved(page)
    ]
    for top in QApplication.topLevelWidgets():
        if top is window or not top.isVisible() or not isinstance(top, QDialog):
            continue
        if _has_unsaved(top):
            names.append(top.windowTitle())
    return names
