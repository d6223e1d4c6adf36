"""The audit key: the secret that MACs this PC's audit entries, kept outside the database.

One key per data folder, named after the database's device id (each data
folder's database is one device): ``device:<device uuid>:audit-key`` in
:mod:`app.sync.keystore` — the OS keyring where one works, else the 0600
file ``<config dir>/keys/device-<uuid>-audit-key.key``. 32 random bytes,
base64.

Made on first need: the first audit entry a data folder writes after this
version is installed (app/audit/trail.py). :func:`existing_key` never makes
one: ``xiaoan check`` must not mint a key that would "verify" a forged chain.
Values are never logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
import uuid
from typing import Any

from app.sync import keystore

GENESIS_MAC = "0" * 64
_ENTRY_DOMAIN = b"xiaoan-audit-entry-v1\n"
_HEAD_DOMAIN = b"xiaoan-audit-head-v1\n"

_cache: dict[str, bytes] = {}
_lock = threading.Lock()


def key_name(device_id: uuid.UUID) -> str:
    return f"device:{device_id}:audit-key"


def existing_key(device_id: uuid.UUID) -> bytes | None:
    """The device's audit key as stored now (never cached, never created); None if absent."""
    value = keystore.load(key_name(device_id))
    if not value:
        return None
    try:
        key = base64.b64decode(value.strip(), validate=True)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def key_for_writing(device_id: uuid.UUID) -> tuple[bytes, bool]:
    """The key to MAC new entries with, and whether it was made just now."""
    name = key_name(device_id)
    with _lock:
        key = _cache.get(name)
        if key is not None:
            return key, False
        key = existing_key(device_id)
        made = key is None
        if made:
            key = os.urandom(32)
            keystore.store(name, base64.b64encode(key).decode("ascii"))
        _cache[name] = key
        return key, made


def forget_cached() -> None:
    """Drop the in-memory copies (tests that take a key away)."""
    with _lock:
        _cache.clear()


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_mac(key: bytes, prev_mac: str, fields: dict[str, Any], entry_hash: str) -> str:
    """HMAC-SHA256 over the previous MAC, the entry's canonical fields and its SHA-256."""
    message = _ENTRY_DOMAIN + prev_mac.encode() + b"\n" + entry_hash.encode() + b"\n"
    return hmac.new(key, message + canonical(fields), hashlib.sha256).hexdigest()


def head_mac(key: bytes, device_id: uuid.UUID, seq: int, mac: str) -> str:
    """HMAC of this PC's head: the last entry's seq and MAC."""
    message = _HEAD_DOMAIN + f"{device_id}:{seq}:{mac}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and hmac.compare_digest(a, b)
