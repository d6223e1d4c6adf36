"""Where this PC's sync secrets live: the OS keyring where one works, else a private file.

The device's sync keys and its one-time enrollment token are small strings
named ``device:<uuid>:<what>``. They go to the OS keyring (``keyring``,
service ``xiaoan``: Windows Credential Manager, the macOS Keychain, Secret
Service on Linux) when it works. Where none does — keyring's ``fail`` or
``null`` backend, or one that raises (a headless Linux box, a desktop without
Secret Service, a scheduled task outside the desktop session) — each secret
is a file readable only by the user: ``<config dir>/keys/<name>.key``, mode
0600 in a 0700 directory (``app.paths.config_dir``; on Windows the user's
profile ACL protects it, POSIX modes mean little there).

*A keyring that appears or disappears later.* Nothing is moved and nothing
is lost: :func:`load` reads the file first, then the keyring, so a secret
is found wherever it was written. :func:`store` writes to the keyring when
it works — read back to be sure — and then deletes any file copy; otherwise
it writes the file. So the file, when present, is always the newest copy
(it is only written when the keyring could not be), and keys written to a
file on a machine without a keyring keep working for the scheduled
``xiaoan sync`` even after a keyring is installed. :func:`delete` removes
both copies.

Values are never logged. Threading: any thread; files are written
atomically (a new 0600 file created with ``O_CREAT | O_EXCL``, then renamed
over the old one).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
from pathlib import Path

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

KEYRING_SERVICE = "xiaoan"
KEY_DIR_NAME = "keys"

# keyring backend module -> the name people know it by
_KEYRING_NAMES = {
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.SecretService": "Secret Service",
    "keyring.backends.libsecret": "Secret Service",
    "keyring.backends.kwallet": "KWallet",
}


def key_dir() -> Path:
    """The folder of the key files (whether or not it exists yet)."""
    from app.paths import config_dir

    return config_dir() / KEY_DIR_NAME


def _file(name: str) -> Path:
    return key_dir() / (re.sub(r"[^A-Za-z0-9._-]", "-", name) + ".key")


def usable_keyring():
    """The OS keyring backend if there is a real one, else None (fail/null/broken)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a keyring that cannot even load is no keyring
        return None
    kind = type(backend)
    if isinstance(backend, fail.Keyring) or "null" in f"{kind.__module__}.{kind.__name__}".lower():
        return None
    return backend


def keyring_name(backend) -> str:
    kind = type(backend)
    return _KEYRING_NAMES.get(kind.__module__) or str(getattr(backend, "name", kind.__name__))


def load(name: str) -> str | None:
    """The secret called ``name``, from the key file or the keyring; None if neither has it."""
    try:
        return _file(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    except OSError as e:
        raise _unreadable(_file(name), e) from e
    backend = usable_keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(KEYRING_SERVICE, name)
    except Exception:  # noqa: BLE001 - a keyring that fails now holds nothing we can read
        log.warning("the keyring (%s) could not be read", keyring_name(backend))
        return None


def store(name: str, value: str) -> None:
    """Keep ``value`` under ``name``: in the keyring if it works, else in a 0600 file."""
    backend = usable_keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, name, value)
            if backend.get_password(KEYRING_SERVICE, name) == value:
                with contextlib.suppress(FileNotFoundError):
                    _file(name).unlink()
                return
            log.warning("the keyring (%s) did not keep a key; using a file", keyring_name(backend))
        except Exception:  # noqa: BLE001 - any keyring failure: fall back to the file
            log.warning("the keyring (%s) refused a key; using a file", keyring_name(backend))
    _write_private(_file(name), value)


def delete(name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        _file(name).unlink()
    backend = usable_keyring()
    if backend is not None:
        with contextlib.suppress(Exception):
            backend.delete_password(KEYRING_SERVICE, name)


def private_dir() -> Path:
    """Create (or tighten) the key folder: mode 0700."""
    folder = key_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as e:
        raise _unwritable(folder, e) from e
    return folder


def _write_private(path: Path, value: str) -> None:
    """Write ``path`` atomically as a new file only the user can read (0600)."""
    private_dir()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, value.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _unwritable(path, e) from e


def _unwritable(path: Path, error: OSError) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "xiaoan cannot keep its sync keys: this computer has no working keyring and "
            "{path} cannot be written ({error}).",
        ),
        path=str(path),
        error=error.strerror or str(error),
    )


def _unreadable(path: Path, error: OSError) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP("app", "xiaoan cannot read its sync key {path} ({error})."),
        path=str(path),
        error=error.strerror or str(error),
    )


@dataclasses.dataclass(frozen=True)
class KeyPlace:
    """Where a set of secrets is, for the Settings page and ``xiaoan`` messages."""

    kind: str  # "keyring" | "file" | "none": nowhere yet
    keyring: str  # the keyring's name, "" when there is none
    path: Path  # the key folder (used when kind == "file", or would be)


def where(names: list[str]) -> KeyPlace:
    """Where the secrets called ``names`` are (the file wins, as in :func:`load`).

    ``kind`` is ``"none"`` when none of them exists yet; ``keyring`` then says
    where new ones would go ("" means: a file).
    """
    backend = usable_keyring()
    name = keyring_name(backend) if backend is not None else ""
    if any(_file(n).exists() for n in names):
        return KeyPlace("file", name, key_dir())
    if backend is not None:
        with contextlib.suppress(Exception):
            if any(backend.get_password(KEYRING_SERVICE, n) for n in names):
                return KeyPlace("keyring", name, key_dir())
    return KeyPlace("none", name, key_dir())
