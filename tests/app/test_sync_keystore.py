"""Where the sync keys live: the OS keyring where one works, else a 0600 file; never lost
when a keyring appears or disappears later."""

from __future__ import annotations

import os
import stat
import uuid

import keyring
import pytest

from app.errors import UserError
from app.sync import keys as sync_keys
from app.sync import keystore


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


class RaisingKeyring:
    """A keyring that is there but refuses everything (locked, no D-Bus session…)."""

    def __new__(cls):
        from keyring.backend import KeyringBackend
        from keyring.errors import KeyringError

        class _Raising(KeyringBackend):
            priority = 1

            def get_password(self, service, username):
                raise KeyringError("locked")

            def set_password(self, service, username, password):
                raise KeyringError("locked")

            def delete_password(self, service, username):
                raise KeyringError("locked")

        return _Raising()


@pytest.fixture
def raising_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(RaisingKeyring())
    yield
    keyring.set_keyring(previous)


def key_files() -> list[str]:
    folder = keystore.key_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_without_a_keyring_the_keys_are_a_file_only_the_user_can_read(no_keyring):
    device_id = uuid.uuid4()
    keys = sync_keys.load_or_create_device_keys(device_id)

    folder = keystore.key_dir()
    files = key_files()
    assert len(files) == 2 and all(str(device_id) in name for name in files)
    assert mode(folder) == 0o700
    assert all(mode(folder / name) == 0o600 for name in files)
    assert keys.receiving.secret in "".join((folder / n).read_text() for n in files)
    assert sync_keys.load_or_create_device_keys(device_id) == keys  # read back, not remade
    place = sync_keys.key_place(device_id)
    assert (place.kind, place.path, place.keyring) == ("file", folder, "")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_loose_key_folder_is_tightened_to_0700(no_keyring):
    folder = keystore.key_dir()
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder, 0o755)
    sync_keys.store_secret(uuid.uuid4(), "enrollment-token", "t0ken")
    assert mode(folder) == 0o700


def test_a_keyring_that_raises_is_no_keyring(raising_keyring):
    device_id = uuid.uuid4()
    keys = sync_keys.load_or_create_device_keys(device_id)
    assert len(key_files()) == 2
    assert sync_keys.device_keys(device_id) == keys


def test_with_a_keyring_the_keys_go_there_and_no_file_is_written(memory_keyring):
    device_id = uuid.uuid4()
    keys = sync_keys.load_or_create_device_keys(device_id)
    assert keys.receiving.secret in memory_keyring.store.values()
    assert key_files() == []
    place = sync_keys.key_place(device_id)
    assert place.kind == "keyring" and place.keyring


def test_keys_in_a_file_stay_readable_when_a_keyring_appears_later(memory_keyring):
    from keyring.backends import fail

    device_id = uuid.uuid4()
    keyring.set_keyring(fail.Keyring())
    keys = sync_keys.load_or_create_device_keys(device_id)
    keyring.set_keyring(memory_keyring)  # a keyring is installed afterwards
    assert sync_keys.device_keys(device_id) == keys
    assert sync_keys.key_place(device_id).kind == "file"
    assert memory_keyring.store == {}  # nothing moved behind the user's back


def test_when_the_keyring_goes_away_an_enrolled_pc_refuses_instead_of_making_new_keys(
    memory_keyring,
):
    from keyring.backends import fail

    device_id = uuid.uuid4()
    keys = sync_keys.load_or_create_device_keys(device_id)
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(UserError) as refused:
        sync_keys.device_keys(device_id)
    assert str(keystore.key_dir()) in refused.value.localized()
    assert key_files() == []  # no new keys were made
    keyring.set_keyring(memory_keyring)  # it comes back (unlocked): the same keys
    assert sync_keys.device_keys(device_id) == keys


def test_new_keys_in_a_working_keyring_replace_an_older_file_copy(memory_keyring):
    from keyring.backends import fail

    device_id = uuid.uuid4()
    keyring.set_keyring(fail.Keyring())
    old = sync_keys.create_device_keys(device_id)
    keyring.set_keyring(memory_keyring)
    new = sync_keys.create_device_keys(device_id)
    assert key_files() == []
    assert sync_keys.device_keys(device_id) == new != old


def test_the_enrollment_token_follows_the_same_rule(no_keyring):
    device_id = uuid.uuid4()
    sync_keys.store_secret(device_id, "enrollment-token", "one-time-token")
    assert sync_keys.load_secret(device_id, "enrollment-token") == "one-time-token"
    assert len(key_files()) == 1
    sync_keys.delete_secret(device_id, "enrollment-token")
    assert sync_keys.load_secret(device_id, "enrollment-token") is None
    assert key_files() == []


def test_an_unwritable_key_folder_is_refused_in_words(no_keyring, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XIAOAN_CONFIG_DIR", str(blocker))
    with pytest.raises(UserError) as refused:
        sync_keys.create_device_keys(uuid.uuid4())
    assert str(blocker) in refused.value.localized()
