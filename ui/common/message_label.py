"""A label for a dialog's or page's messages: errors in red, notices in green (UI thread).

A message is about what the person saw and did when it appeared, so it does
not outstay that moment:

* a notice (success) fades after :attr:`MessageLabel.NOTICE_MS` (8 s);
* an error stays until the person changes an input in the message's scope —
  types in a field, picks another entry of a list or a choice, ticks a box;
* both go when their page or dialog is left (another page shown, the dialog
  closed), so coming back never shows yesterday's message.

The scope is the widget the label sits in (its group box, dialog or page)
unless :meth:`MessageLabel.set_scope` names another. Only the person's own
changes count: a page reloading its lists or clearing a field in code never
wipes a message the person has not read yet.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

ERROR_STYLE = "color: #b3261e;"
NOTICE_STYLE = "color: #1b6e2d;"
# Keys that move the current entry of a list (a new record chosen).
_NAVIGATION = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}
# Keys that change nothing in a field: moving on, or a modifier alone.
_NOT_EDITING = {
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
}


class MessageLabel(QLabel):
    NOTICE_MS = 8000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fade_timer = QTimer(self)
        self.fade_timer.setSingleShot(True)
        self.fade_timer.timeout.connect(self.clear_message)
        self._scope: QWidget | None = None
        self._unwatch: list[Callable[[], None]] = []
        self.hide()

    # -- showing -------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        """Stays until the person changes an input in the scope (or leaves the page)."""
        self._show(text, ERROR_STYLE)
        self.fade_timer.stop()

    def show_notice(self, text: str) -> None:
        """Fades after :attr:`NOTICE_MS`, or sooner when the person changes an input."""
        self._show(text, NOTICE_STYLE)
        self.fade_timer.start(self.NOTICE_MS)

    def clear_message(self) -> None:
        self.fade_timer.stop()
        self._stop_watching()
        self.clear()
        self.hide()

    def set_scope(self, scope: QWidget) -> None:
        """The inputs whose change clears the message: those inside ``scope``."""
        self._scope = scope

    def scope(self) -> QWidget | None:
        return self._scope or self.parentWidget()

    def _show(self, text: str, style: str) -> None:
        self._stop_watching()
        self.setStyleSheet(style)
        self.setText(text)
        self.show()
        self._watch(self.scope())

    # -- what clears it ------------------------------------------------------------------

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        # Hidden with its page or dialog (not minimised, not cleared). Checked once the
        # event loop turns: a wizard hides and re-shows its page while switching.
        if not event.spontaneous() and not self.isHidden() and self.text():
            QTimer.singleShot(0, self, self._left_behind)

    def _left_behind(self) -> None:
        if self.text() and not self.isHidden() and not self.isVisible():
            self.clear_message()

    def _input_changed(self, *_args) -> None:
        if self.text():
            self.clear_message()

    def _connect(self, signal) -> None:
        signal.connect(self._input_changed)

        def undo() -> None:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(self._input_changed)

        self._unwatch.append(undo)

    def _filter(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

        def undo() -> None:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)

        self._unwatch.append(undo)

    def _watch(self, scope: QWidget | None) -> None:
        if scope is None:
            return
        for w in scope.findChildren(QWidget):
            if isinstance(w, QLineEdit):
                if not w.isReadOnly():
                    self._connect(w.textEdited)  # the person's typing only, never setText()
            elif isinstance(w, QComboBox):
                self._connect(w.activated)
            elif isinstance(w, QAbstractButton):
                if w.isCheckable():
                    self._connect(w.clicked)
            elif isinstance(w, QAbstractItemView):
                self._connect(w.pressed)
                self._filter(w)
            elif isinstance(w, (QAbstractSpinBox, QPlainTextEdit, QTextEdit)):
                self._filter(w)

    def _stop_watching(self) -> None:
        undo, self._unwatch = self._unwatch, []
        for fn in undo:
            fn()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            if _edits(watched, event.key(), event.text()):
                self._input_changed()
        elif kind == QEvent.Type.InputMethod and isinstance(watched, (QPlainTextEdit, QTextEdit)):
            if event.commitString() and not watched.isReadOnly():
                self._input_changed()
        elif kind in (QEvent.Type.Wheel, QEvent.Type.MouseButtonPress) and isinstance(
            watched, QAbstractSpinBox
        ):
            self._input_changed()
        return False


def _edits(widget: QObject, key: int, text: str) -> bool:
    """Whether a key pressed in ``widget`` changes what it holds (or which entry is chosen)."""
    if isinstance(widget, QAbstractItemView):
        return key in _NAVIGATION
    if isinstance(widget, QAbstractSpinBox):
        return key in _NAVIGATION or (bool(text) and key not in _NOT_EDITING)
    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
        typed = bool(text) and key not in _NOT_EDITING
        return typed or key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
    return False
