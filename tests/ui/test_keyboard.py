"""The main window's keys: a key for every page, Ctrl+P prints the chosen record of a
list, F1 shows every key of the window and of the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.inspections.service import answer_remaining, finalize_inspection, start_inspection
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.main_window import MainWindow
from ui.pages import PAGE_KEYS, PAGES


def _window(qtbot, ws, username="zhangli", secret=PRINCIPAL_PASSWORD) -> MainWindow:
    window = MainWindow(context_for(ws, username, secret))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _press(qtbot, window, keys: QKeySequence) -> None:
    combo = keys[0]
    qtbot.keyClick(window.windowHandle(), combo.key(), combo.keyboardModifiers())


def test_every_page_has_a_key_of_its_own():
    assert sorted(PAGE_KEYS) == sorted(p.key for p in PAGES)
    keys = [QKeySequence(k).toString() for k in PAGE_KEYS.values()]
    assert len(set(keys)) == len(keys) and "" not in keys


def test_every_page_is_reachable_by_its_key_shown_in_the_navigation(qtbot, workspace):
    window = _window(qtbot, workspace)
    assert len(window.page_keys()) == 12
    for key in reversed(window.page_keys()):  # from the last: none is the first page by chance
        keys = QKeySequence(PAGE_KEYS[key])
        _press(qtbot, window, keys)
        assert window.current_key() == key
        row = window.page_keys().index(key)
        assert (
            keys.toString(QKeySequence.SequenceFormat.NativeText) in window.nav.item(row).toolTip()
        )
    wait_idle(qtbot)


@pytest.fixture
def finalized_inspection(workspace, principal):
    inspection_id = start_inspection(
        workspace, principal, "daily_patrol", ["daily_patrol"], place="教学楼"
    )
    answer_remaining(workspace, principal, inspection_id)
    finalize_inspection(workspace, principal, inspection_id)
    return inspection_id


def test_ctrl_p_previews_the_form_of_the_record_chosen_in_a_list(
    qtbot, workspace, finalized_inspection, memory_keyring
):
    window = _window(qtbot, workspace)
    _press(qtbot, window, QKeySequence("Ctrl+2"))
    page = window.current_page()
    qtbot.waitUntil(lambda: page.model.pages >= 1 and page.model.rowCount() == 1)
    page.table.selectRow(0)
    page.table.setFocus()
    _press(qtbot, window, QKeySequence(QKeySequence.StandardKey.Print))
    preview = page.preview
    qtbot.waitUntil(lambda: preview.ready, timeout=30_000)
    assert preview.rendered.stamp.record_id == str(finalized_inspection)
    assert "安全检查记录表" in preview.windowTitle()
    preview.close()
    wait_idle(qtbot)


def test_ctrl_p_on_a_page_without_forms_says_so(qtbot, workspace):
    window = _window(qtbot, workspace)
    _press(qtbot, window, QKeySequence("Ctrl+9"))
    assert window.current_key() == "staff"
    _press(qtbot, window, QKeySequence("Ctrl+P"))
    assert window.statusBar().currentMessage() == "本页没有可打印的表单。"
    wait_idle(qtbot)


def test_f1_lists_the_windows_keys_and_the_pages_own(qtbot, workspace):
    window = _window(qtbot, workspace)
    window.show_page("roster")
    wait_idle(qtbot)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_F1)
    sheet = window.shortcuts_sheet
    assert sheet.isVisible() and sheet.windowTitle() == "快捷键"
    rows = dict(sheet.rows())
    assert rows["Ctrl+L"] == "退出登录 / 切换用户"
    assert rows["Ctrl+P"] == "打印选中的记录"
    assert rows["F1"] == "快捷键"
    assert rows["Ctrl+3"] == "打开“隐患台账”"
    # The roster page's own keys, read from its shortcuts.
    assert "本页：值班表" in rows
    assert rows["F5"] == "刷新"
    assert "Ctrl+G" in rows and "Ctrl+W" in rows
    sheet.close()
    wait_idle(qtbot)


def test_no_page_binds_a_key_the_window_already_uses(qtbot, workspace):
    """Two bindings of one key cancel each other out (Qt calls it ambiguous): a page's own
    keys must differ from the window's (page keys, Ctrl+P, Ctrl+L, Ctrl+Shift+L, F1…)."""
    from ui.shell.shortcuts import page_shortcuts, window_shortcuts

    window = _window(qtbot, workspace)
    taken = {k.strip() for keys, _what in window_shortcuts(window) for k in keys.split(",")}
    assert {"Ctrl+L", "Ctrl+Shift+L", "Ctrl+P", "F1"} <= taken
    clashes = []
    for key in window.page_keys():
        page = window.show_page(key)
        wait_idle(qtbot)
        for keys, what in page_shortcuts(page):
            clashes += [(key, k.strip(), what) for k in keys.split(",") if k.strip() in taken]
    assert clashes == []
    wait_idle(qtbot)
