"""The bureau's key directory: its private keys and settings, in 0600 files.

A bureau is a server, where an OS keyring is usually absent, so its keys live
in ``<key-dir>/bureau.key`` (JSON: base64 Ed25519 private key, age identity)
with mode 0600 inside a 0700 directory; ``<key-dir>/bureau.json`` (also 0600:
it holds the database URL) keeps the settings the commands share. Back the
directory up offline: losing the age identity makes unacknowledged bundles
unreadable (unless an escrow recipient was configured).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
from pathlib import Path

from app.sync.keys import AgeIdentity, SigningKey, fingerprint

KEY_FILE = "bureau.key"
CONFIG_FILE = "bureau.json"


class ConfigError(Exception):
    """The key directory is missing or unreadable; the message says what to run."""


@dataclasses.dataclass(frozen=True)
class BureauConfig:
    key_dir: Path
    db_url: str
    public_url: str
    escrow_recipient: str | None
    signing: SigningKey
    age: AgeIdentity

    @property
    def spool_dir(self) -> Path:
        """Raw received bundles and unfinished uploads (not secret, but kept beside the keys)."""
        return self.key_dir / "spool"

    @property
    def signing_public_b64(self) -> str:
        return base64.b64encode(self.signing.public).decode("ascii")

    @property
    def recipients(self) -> list[str]:
        return [self.age.recipient] + ([self.escrow_recipient] if self.escrow_recipient else [])

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing.public + self.age.recipient.encode("ascii"))


def _write_private(path: Path, data: dict) -> None:
    # Create with 0600 from the start: never a moment where the file is world-readable.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
    os.chmod(path, 0o600)


def init_key_dir(
    key_dir: Path, *, db_url: str, public_url: str, escrow_recipient: str | None = None
) -> BureauConfig:
    """Create the key directory (keeping existing keys: re-running init never rotates them)."""
    key_dir = Path(key_dir)
    key_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(key_dir, 0o700)
    key_path = key_dir / KEY_FILE
    if not key_path.exists():
        signing, age = SigningKey.generate(), AgeIdentity.generate()
        _write_private(
            key_path,
            {"ed25519": base64.b64encode(signing.private).decode("ascii"), "age": age.secret},
        )
    _write_private(
        key_dir / CONFIG_FILE,
        {"db_url": db_url, "public_url": public_url, "escrow_recipient": escrow_recipient},
    )
    return load_config(key_dir)


def load_config(key_dir: Path, *, db_url: str | None = None) -> BureauConfig:
    key_dir = Path(key_dir)
    try:
        keys = json.loads((key_dir / KEY_FILE).read_text(encoding="utf-8"))
        settings = json.loads((key_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(
            f"no bureau keys in {key_dir} ({e}); run `xiaoan-bureau init --db URL --key-dir DIR`"
        ) from None
    if (key_dir / KEY_FILE).stat().st_mode & 0o077:
        raise ConfigError(f"{key_dir / KEY_FILE} is readable by others; chmod 600 it")
    return BureauConfig(
        key_dir=key_dir,
        db_url=db_url or settings["db_url"],
        public_url=settings["public_url"],
        escrow_recipient=settings.get("escrow_recipient"),
        signing=SigningKey(base64.b64decode(keys["ed25519"])),
        age=AgeIdentity(keys["age"]),
    )
