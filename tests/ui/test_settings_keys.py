"""Settings → Keys: a visible note saying where the sync keys are, and the signing key's state."""

from __future__ import annotations

from app.sync.keys import load_or_create_device_keys
from app.sync.keystore import key_dir
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.helpers import context_for
from ui.settings.keys_box import KeysBox
from ui.settings.page import SettingsPage


def keys_box(qtbot, workspace) -> KeysBox:
    page = SettingsPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    box = page.findChild(KeysBox)
    qtbot.waitUntil(lambda: box.place is not None, timeout=10_000)
    assert box.isVisible()
    return box


def test_without_a_keyring_settings_names_the_key_folder(qtbot, workspace, no_keyring):
    load_or_create_device_keys(workspace.device_id)  # as enrollment does
    box = keys_box(qtbot, workspace)
    assert box.place.kind == "file"
    assert str(key_dir()) in box.sync_note.text() and "只有您" in box.sync_note.text()
    assert "已解锁" in box.signing_note.text()


def test_before_enrollment_it_says_where_the_keys_will_go(qtbot, workspace, no_keyring):
    box = keys_box(qtbot, workspace)
    assert box.place.kind == "none"
    assert str(key_dir()) in box.sync_note.text() and "注册" in box.sync_note.text()


def test_with_a_keyring_settings_names_it(qtbot, workspace, memory_keyring):
    load_or_create_device_keys(workspace.device_id)
    box = keys_box(qtbot, workspace)
    assert box.place.kind == "keyring"
    assert box.place.keyring in box.sync_note.text() and "系统密钥存储" in box.sync_note.text()


def test_settings_says_where_the_datas_key_is(qtbot, no_keyring, workspace):
    box = keys_box(qtbot, workspace)
    qtbot.waitUntil(lambda: box.data_place is not None, timeout=10_000)
    assert box.data_place.kind == "file"
    assert str(key_dir()) in box.data_note.text() and "恢复码" in box.data_note.text()
