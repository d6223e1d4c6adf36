"""The school's data at rest: encrypted, the user's alone, upgraded from plain, restorable elsewhere."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from app import data_key
from app.accounts.service import authenticate
from app.backup.elsewhere import recovery_code_for, restore_elsewhere
from app.backup.service import backup_now, restorable_backups
from app.errors import UserError
from app.integrity import check_data_dir
from app.paths import DB_FILENAME
from app.sync import keystore
from app.workspace import Workspace
from db import cipher
from db.models import StaffMember
from tests.helpers import PRINCIPAL_PASSWORD, open_db

NAME, PHONE = "王小明", "13912345678"


def _add_staff(ws, actor) -> None:
    with ws.action(actor, "staff.add") as s:
        s.add(StaffMember(school_id=ws.school_id, name=NAME, post="门卫", phone=PHONE, active=True))


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _staff_names(ws) -> set[str]:
    with ws.read() as s:
        return {m.name for m in s.query(StaffMember)}


def test_the_database_file_cannot_be_read_without_its_key(workspace, principal):
    _add_staff(workspace, principal)
    backup = backup_now(workspace, principal)
    workspace.close()
    for path in (workspace.db_path, backup):
        with pytest.raises(sqlite3.DatabaseError):  # the plain SQLite library
            sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
        with pytest.raises(cipher.DatabaseError):  # SQLCipher with another key
            cipher.connect(path, cipher.new_key())
    raw = b"".join(p.read_bytes() for p in _files(workspace.data_dir))
    for secret in (NAME, PHONE, "张丽", "zhangli", "$argon2id$"):  # what `strings` would show
        assert secret.encode() not in raw
    assert b"SQLite format 3" not in raw


def _previous_release(ws, actor) -> Path:
    """The folder as a release before encryption left it: plain files, 0755/0644, no key."""
    _add_staff(ws, actor)
    backup_now(ws, actor)
    data_dir, key = ws.data_dir, ws.key
    ws.close()
    for path in [data_dir / DB_FILENAME, *(data_dir / "backups").glob("*.sqlite3")]:
        plain = path.with_name(path.name + ".plain")
        conn = cipher.connect(path, key)
        cipher.attach(conn, str(plain), "plain", None)
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.close()
        plain.replace(path)
    keystore.delete(data_key.key_name(data_dir))
    data_key.id_path(data_dir).unlink()
    for p in data_dir.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    data_dir.chmod(0o755)
    assert cipher.is_plain(data_dir / DB_FILENAME)
    return data_dir


def test_a_plain_database_from_the_previous_release_is_encrypted_with_every_row(
    workspace, principal
):
    data_dir = _previous_release(workspace, principal)

    ws = Workspace.open(data_dir)
    try:
        assert NAME in _staff_names(ws)
        assert authenticate(ws, "zhangli", PRINCIPAL_PASSWORD).role == "principal"
        backups = restorable_backups(ws)
    finally:
        ws.close()
    leftovers = [p.name for p in _files(data_dir) if cipher.is_plain(p)]
    assert leftovers == [], "no plain copy of the data is left behind"
    assert not (data_dir / "backups" / ".before-encryption.sqlite3").exists()
    assert len(backups) == 1 and cipher.may_be_encrypted(backups[0].path)
    assert check_data_dir(data_dir).sound
    raw = b"".join(p.read_bytes() for p in _files(data_dir))
    assert PHONE.encode() not in raw


def test_the_data_folder_and_its_files_are_the_users_alone(workspace, principal, tmp_path):
    from app.attachments.store import add_photo
    from tests.app.inspection_helpers import jpeg

    add_photo(workspace, principal, jpeg(tmp_path / "p.jpg"))
    backup = backup_now(workspace, principal)
    assert _mode(workspace.data_dir) == 0o700
    for path in (workspace.db_path, backup, *(workspace.data_dir / "photos").rglob("*.jpg")):
        assert _mode(path) == 0o600, path


def test_an_open_folder_from_the_previous_release_is_closed_to_others(workspace, principal):
    data_dir = _previous_release(workspace, principal)
    Workspace.open(data_dir).close()
    assert _mode(data_dir) == 0o700
    for path in data_dir.rglob("*"):
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_a_backup_restores_on_a_new_computer_with_the_recovery_code(
    workspace, principal, tmp_path, monkeypatch
):
    _add_staff(workspace, principal)
    code = recovery_code_for(workspace, principal)
    assert re.fullmatch(r"([0-9A-F]{4}-){16}[0-9A-F]{4}", code)
    with workspace.read() as s:  # who saw the code is on record
        from db.models import AuditEntry

        assert s.query(AuditEntry).filter_by(action="data_key.show").count() == 1
    backup = shutil.copy(backup_now(workspace, principal), tmp_path / "usb-stick.sqlite3")
    workspace.close()

    monkeypatch.setenv("XIAOAN_CONFIG_DIR", str(tmp_path / "new-pc-config"))  # no key here
    from app.audit import keys as audit_keys

    audit_keys.forget_cached()  # another computer: nothing of the old one in memory
    new_dir = tmp_path / "new-pc-data"
    with pytest.raises(UserError, match="not the recovery code"):
        restore_elsewhere(backup, new_dir, code[:-1] + ("0" if code[-1] != "0" else "1"))
    with pytest.raises(UserError, match="does not open"):
        restore_elsewhere(backup, new_dir, data_key.recovery_code(cipher.new_key()))
    assert not any(new_dir.iterdir()), "a refused restore writes nothing"

    restore_elsewhere(backup, new_dir, code.lower().replace("-", " "))
    ws = Workspace.open(new_dir)
    try:
        assert NAME in _staff_names(ws)
        assert authenticate(ws, "zhangli", PRINCIPAL_PASSWORD).role == "principal"
    finally:
        ws.close()
    # The audit key stayed on the old computer: the first action here started a new
    # one at a recorded anchor, and the trail before it still checks by its SHA-256.
    from app.integrity import check_data_dir

    report = check_data_dir(new_dir)
    assert report.sound, [p.describe() for p in report.chain]
    assert [p.reason for p in report.chain] == ["key_replaced"]
    with pytest.raises(UserError, match="already holds xiaoan data"):
        restore_elsewhere(backup, new_dir, code)


def test_the_app_starts_with_the_key_from_the_key_file_without_a_keyring(no_keyring, data_dir):
    from ui.launcher import main as xiaoan

    Workspace.open(data_dir).close()
    key_file = next(keystore.key_dir().glob("database-*.key"))
    assert _mode(key_file) == 0o600 and _mode(keystore.key_dir()) == 0o700
    ws = Workspace.open(data_dir)
    try:
        assert ws.key.hex() == key_file.read_text()
    finally:
        ws.close()
    assert xiaoan(["check", "--data-dir", str(data_dir)]) == 0


def test_the_key_goes_to_the_keyring_when_there_is_one(memory_keyring, data_dir):
    Workspace.open(data_dir).close()
    assert not list(keystore.key_dir().glob("*.key"))
    assert keystore.where([data_key.key_name(data_dir)]).kind == "keyring"
    Workspace.open(data_dir).close()


def test_a_missing_key_is_refused_in_chinese_saying_where_it_looked(workspace, data_dir):
    db_path = workspace.db_path
    workspace.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    keystore.delete(data_key.key_name(data_dir))

    with pytest.raises(UserError) as refused:
        Workspace.open(data_dir)
    message = refused.value.localized()
    assert re.search(r"[\u4e00-\u9fff]{4}", message), "the default language is Chinese"
    assert str(keystore.key_dir()) in message and str(db_path) in message
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert data_key.load_key(data_dir) is None, "no new key was made over the lost one"


def test_raw_connections_apply_the_key(workspace):
    conn = open_db(workspace.db_path)
    try:
        assert conn.execute("SELECT count(*) FROM school").fetchone() == (1,)
    finally:
        conn.close()


def test_an_encryption_that_fails_leaves_the_plain_data_as_it_was(
    workspace, principal, monkeypatch
):
    data_dir = _previous_release(workspace, principal)
    before = hashlib.sha256((data_dir / DB_FILENAME).read_bytes()).hexdigest()
    names = sorted(p.name for p in _files(data_dir))

    def broken(*_args, **_kwargs):
        raise cipher.DatabaseError("disk I/O error")

    verify_copy = cipher.verify_copy
    monkeypatch.setattr(cipher, "verify_copy", broken)
    with pytest.raises(UserError, match="could not be encrypted"):
        Workspace.open(data_dir)
    assert hashlib.sha256((data_dir / DB_FILENAME).read_bytes()).hexdigest() == before
    left = sorted(p.name for p in _files(data_dir) if p.name != data_key.ID_FILENAME)
    assert left == names, "no safety copy or partial file is left"

    monkeypatch.setattr(cipher, "verify_copy", verify_copy)
    Workspace.open(data_dir).close()  # the next start encrypts it
    assert not cipher.is_plain(data_dir / DB_FILENAME)


def test_a_plain_safety_copy_left_by_a_power_cut_is_removed_at_start(workspace):
    safety = workspace.backup_dir / ".before-encryption.sqlite3"
    safety.parent.mkdir(parents=True, exist_ok=True)
    data_dir = workspace.data_dir
    workspace.close()
    sqlite3.connect(safety).execute("CREATE TABLE t (x)").connection.close()
    Workspace.open(data_dir).close()
    assert not safety.exists()


def test_only_the_principal_sees_the_recovery_code(workspace, principal):
    from app.errors import PermissionDenied
    from tests.helpers import make_user

    staff = make_user(workspace, principal, "wangqiang", "safety_officer").actor()
    with pytest.raises(PermissionDenied):
        recovery_code_for(workspace, staff)
