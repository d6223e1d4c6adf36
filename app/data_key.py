"""The school database's key: where it is kept, and the recovery code that carries it.

Each data folder's database (and every backup in its ``backups/``) is
encrypted with one random 256-bit key (:mod:`db.cipher`). The key is kept like
the sync keys (:mod:`app.sync.keystore`): in the OS keyring when one works,
else in a 0600 file in the 0700 key folder, under the name
``database:<folder id>``. The folder id is a random UUID in the plain file
``xiaoan.id`` of the data folder (not a secret: it only names the key), so
the folder can be moved or renamed and still finds its key.

*A new computer.* The key never leaves this PC by itself: a copied data
folder or backup cannot be read elsewhere. The principal keeps the school's
**recovery code** (the key written as 17 groups of four letters and digits,
the last group a check), shown by ``xiaoan key show`` to print and keep with
the school's paper records; on a new PC ``xiaoan restore-elsewhere BACKUP``
asks for it and puts the backup in a new data folder.

The data folder is restricted to the user: the folder 0700, the database,
its backups and the photos 0600 (photos are not encrypted; the folder's mode
is what protects them).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import uuid
from pathlib import Path

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.sync import keystore
from db import cipher

ID_FILENAME = "xiaoan.id"
KEY_PREFIX = "database:"


def id_path(data_dir: Path) -> Path:
    return Path(data_dir) / ID_FILENAME


def folder_id(data_dir: Path) -> str | None:
    try:
        text = id_path(data_dir).read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def key_name(data_dir: Path) -> str | None:
    fid = folder_id(data_dir)
    return None if fid is None else KEY_PREFIX + fid


def load_key(data_dir: Path) -> bytes | None:
    """This folder's database key, or None when it has none (yet) on this computer."""
    name = key_name(data_dir)
    value = keystore.load(name) if name else None
    if not value:
        return None
    try:
        key = bytes.fromhex(value.strip())
    except ValueError:
        return None
    return key if len(key) == cipher.KEY_BYTES else None


def install_key(data_dir: Path, key: bytes) -> None:
    """Give ``data_dir`` a folder id (if it has none) and keep ``key`` as its database key."""
    if folder_id(data_dir) is None:
        path = id_path(data_dir)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(str(uuid.uuid4()) + "\n", encoding="ascii")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    keystore.store(key_name(data_dir), key.hex())


def ensure_key(data_dir: Path) -> bytes:
    """The folder's key, made (and kept) now if it has none."""
    key = load_key(data_dir)
    if key is None:
        key = cipher.new_key()
        install_key(data_dir, key)
    return key


def require_key(data_dir: Path, db_path: Path) -> bytes:
    """The key of the encrypted database ``db_path``, or a UserError saying where it looked."""
    key = load_key(data_dir)
    if key is not None:
        return key
    name = key_name(data_dir)
    if name is None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "The data in {path} is encrypted, and the file {id_file} that names its key "
                "is missing. Nothing has been changed. On a new computer, restore a backup "
                "with the school's recovery code (xiaoan restore-elsewhere).",
            ),
            path=str(db_path),
            id_file=str(id_path(data_dir)),
        )
    place = keystore.where([name])
    raise UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "The data in {path} is encrypted, and its key {name} is not on this computer: "
            "xiaoan looked in the keyring ({keyring}) and in the folder {folder}. Nothing has "
            "been changed. On a new computer, restore a backup with the school's recovery "
            "code (xiaoan restore-elsewhere).",
        ),
        path=str(db_path),
        name=name,
        keyring=place.keyring or translate("app", QT_TRANSLATE_NOOP("app", "none on this PC")),
        folder=str(place.path),
    )


def key_place(data_dir: Path) -> keystore.KeyPlace:
    """Where this folder's database key is (Settings → Keys). Worker thread: a keyring may be slow."""
    name = key_name(data_dir)
    if name is None:
        return keystore.KeyPlace("none", "", keystore.key_dir())
    return keystore.where([name])


# -- the recovery code ---------------------------------------------------------------------


def recovery_code(key: bytes) -> str:
    """``key`` as 16 groups of four hex digits and a check group, for paper."""
    digits = key.hex() + hashlib.sha256(key).hexdigest()[:4]
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4)).upper()


def parse_recovery_code(text: str) -> bytes:
    """The key a typed recovery code stands for; a UserError when it is mistyped."""
    digits = re.sub(r"[\s\-]", "", text).lower()
    if re.fullmatch(r"[0-9a-f]{68}", digits):
        key = bytes.fromhex(digits[:64])
        if hashlib.sha256(key).hexdigest()[:4] == digits[64:]:
            return key
    raise UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "That is not the recovery code: it has 17 groups of four letters (A-F) and digits. "
            "Check each group and type it again.",
        )
    )


# -- the folder's modes --------------------------------------------------------------------


def restrict_data_dir(data_dir: Path) -> None:
    """The data folder 0700; when it was open to others, everything in it too (files 0600)."""
    if os.name != "posix":  # Windows: the user profile's ACL; POSIX modes mean little there
        return
    data_dir = Path(data_dir)
    mode = stat.S_IMODE(data_dir.stat().st_mode)
    if mode == 0o700:
        return
    for root, dirs, files in os.walk(data_dir):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o700)
        for f in files:
            path = os.path.join(root, f)
            if not os.path.islink(path):
                os.chmod(path, 0o600)
    os.chmod(data_dir, 0o700)
