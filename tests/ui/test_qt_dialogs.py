"""Qt's own dialogs speak Chinese too: the file dialog and the print dialog, nothing English left."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QWidget,
)

from ui.i18n import qt_gap_texts

ENGLISH = re.compile(r"[A-Za-z]{2,}")


def shown_texts(dialog: QWidget, skip: tuple[str, ...] = ()) -> list[str]:
    """Every text a person can read in ``dialog``: labels, buttons, tooltips, choices, headers."""
    out: list[str] = []
    for w in [dialog, *dialog.findChildren(QWidget)]:
        if not w.isVisibleTo(dialog) and w is not dialog:
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            out += [w.text(), w.toolTip()]
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            out += [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    return [t for t in out if isinstance(t, str) and t and not any(s in t for s in skip)]


def english(texts: list[str]) -> list[str]:
    return [t for t in texts if ENGLISH.search(t.replace("PDF", ""))]


def test_the_file_dialog_is_chinese(qtbot, tmp_path):
    (tmp_path / "照片").mkdir()
    for mode in ("open", "save", "folder"):
        dialog = QFileDialog(None, "选择文件", str(tmp_path))
        if mode == "save":
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if mode == "folder":
            dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.addWidget(dialog)
        files = dialog.findChild(QAbstractItemView, "treeView").model()
        with qtbot.waitSignal(files.directoryLoaded):
            dialog.show()
        texts = shown_texts(dialog, skip=(str(tmp_path), tmp_path.name))
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
        assert english(texts) == [], mode
        view = dialog.findChild(QAbstractItemView, "treeView")
        folder = files.index(0, 2, view.rootIndex())
        assert files.data(folder) == "文件夹"
        dialog.close()


def test_the_print_dialog_is_chinese(qtbot):
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english(shown_texts(dialog, skip=("/",))) == []
    dialog.close()


def test_every_text_qt_lacks_is_in_our_catalog():
    texts = qt_gap_texts()
    assert english(texts) == [], texts


def test_the_desktops_own_dialogs_are_used_only_when_they_speak_the_language():
    # The test machine's locale is not Chinese: GTK's dialog would be English.
    assert QLocale.system().language() != QLocale.Language.Chinese
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
