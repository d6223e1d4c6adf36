"""The shortcuts sheet (F1): every key of the window and of the current page.

Built each time it opens from the key bindings themselves — the window's
actions, the page's actions and ``QShortcut`` objects, and buttons with a
shortcut — so it can never list a key that no longer works or miss one
that was added. A ``QShortcut`` names what it does in its ``whatsThis``;
the common standard keys are named here when it does not.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate
from ui.shell.geometry import fit_window

# What a page's standard keys do when its QShortcut does not say (whatsThis).
_STANDARD_MEANINGS: list[tuple[QKeySequence.StandardKey | str, str]] = [
    (QKeySequence.StandardKey.New, QT_TRANSLATE_NOOP("Shortcuts", "New record")),
    (QKeySequence.StandardKey.Save, QT_TRANSLATE_NOOP("Shortcuts", "Save")),
    (QKeySequence.StandardKey.Find, QT_TRANSLATE_NOOP("Shortcuts", "Search")),
    (QKeySequence.StandardKey.Print, QT_TRANSLATE_NOOP("Shortcuts", "Print")),
    ("F5", QT_TRANSLATE_NOOP("Shortcuts", "Read again")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "Edit the caption")),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "Back / close")),
    ("Ctrl+Return", QT_TRANSLATE_NOOP("Shortcuts", "Confirm")),
    ("PgUp", QT_TRANSLATE_NOOP("Shortcuts", "Previous")),
    ("PgDown", QT_TRANSLATE_NOOP("Shortcuts", "Next")),
    ("Home", QT_TRANSLATE_NOOP("Shortcuts", "Today")),
]


def _native(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def _standard_meaning(keys: QKeySequence) -> str:
    for standard, meaning in _STANDARD_MEANINGS:
        known = (
            QKeySequence.keyBindings(standard)
            if isinstance(standard, QKeySequence.StandardKey)
            else [QKeySequence(standard)]
        )
        if any(k.matches(keys) == QKeySequence.SequenceMatch.ExactMatch for k in known):
            return QCoreApplication.translate("Shortcuts", meaning)
    return ""


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _in_window(obj: QWidget | None, window: QWidget) -> bool:
    return obj is not None and obj.window() is window


def window_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) for the window's own actions, in the order they were added."""
    rows = []
    for action in window.actions():
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if keys and action.text():
            rows.append((", ".join(_native(k) for k in keys), _clean(action.text())))
    return rows


def page_shortcuts(page: QWidget) -> list[tuple[str, str]]:
    """(keys, what) for the keys that work on ``page`` (not in dialogs it opens)."""
    window = page.window()
    rows: list[tuple[str, str]] = []
    for action in page.findChildren(QAction):
        holder = action.parent()
        if isinstance(holder, QWidget) and not _in_window(holder, window):
            continue
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if keys and action.text():
            rows.append((", ".join(_native(k) for k in keys), _clean(action.text())))
    for shortcut in page.findChildren(QShortcut):
        holder = shortcut.parent()
        if not isinstance(holder, QWidget) or not _in_window(holder, window):
            continue
        if not shortcut.isEnabled() or shortcut.key().isEmpty():
            continue
        what = shortcut.whatsThis() or _standard_meaning(shortcut.key())
        rows.append((_native(shortcut.key()), what or translate("Shortcuts", "(on this page)")))
    for button in page.findChildren(QAbstractButton):
        if not _in_window(button, window) or button.shortcut().isEmpty():
            continue
        rows.append((_native(button.shortcut()), _clean(button.text())))
    seen: set[tuple[str, str]] = set()
    return [r for r in rows if not (r in seen or seen.add(r))]


class ShortcutsSheet(QDialog):
    """Two tables' worth in one: the window's keys, then the current page's."""

    def __init__(self, window: QWidget, page: QWidget | None) -> None:
        super().__init__(window)
        self.setWindowTitle(translate("Shortcuts", "Keyboard shortcuts"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(
            [
                translate("Shortcuts", QT_TRANSLATE_NOOP("Shortcuts", "Keys")),
                translate("Shortcuts", "What it does"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._section(
            translate("Shortcuts", QT_TRANSLATE_NOOP("Shortcuts", "Everywhere in this window")),
            window_shortcuts(window),
        )
        if page is not None:
            title = page.property("xiaoanPage")
            heading = translate("Shortcuts", "On this page")
            namer = getattr(window, "page_title", None)
            if title and callable(namer):
                heading = translate("Shortcuts", "On this page: {page}").format(page=namer(title))
            self._section(heading, page_shortcuts(page))
        hint = QLabel(
            translate("Shortcuts", "Forms and dialogs show their own keys on their buttons.")
        )
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        fit_window(self, QSize(560, 620))
        self.table.setFocus()

    def _section(self, heading: str, rows: list[tuple[str, str]]) -> None:
        head = QTableWidgetItem(heading)
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, head)
        self.table.setSpan(r, 0, 1, 2)
        for keys, what in rows:
            r = self.table.rowCount()
            self.table.insertRow(r)
            key_item = QTableWidgetItem(keys)
            key_item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 0, key_item)
            self.table.setItem(r, 1, QTableWidgetItem(what))

    def rows(self) -> list[tuple[str, str]]:
        """Every (keys, what) row shown, headings as (heading, "")."""
        out = []
        for r in range(self.table.rowCount()):
            what = self.table.item(r, 1)
            out.append((self.table.item(r, 0).text(), what.text() if what else ""))
        return out
