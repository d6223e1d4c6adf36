"""Enrolling this PC with its bureau: import the enrollment file, register the keys.

Contract: :func:`import_enrollment` validates the file completely before
storing anything; it creates the device keys (in the OS keyring, or a file only
the user can read where no keyring works: :mod:`app.sync.keystore`) and keeps
the one-time token beside them until :func:`register` has spent it. Both
return the two fingerprints the school and the bureau read to each other by
phone. Call from a worker thread (registration does network I/O).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync import keys as sync_keys
from app.workspace import Workspace
from db.models import School, SyncEnrollment

ENROLLMENT_FORMAT = "xiaoan-enrollment/1"
TOKEN_SECRET = "enrollment-token"


@dataclasses.dataclass(frozen=True)
class EnrollmentInfo:
    bureau_url: str
    school_code: str
    bureau_fingerprint: str
    device_fingerprint: str
    registered: bool


def _bad_file(path: Path) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "{path} is not a valid enrollment file from the education bureau. "
            "Ask the bureau to send it again.",
        ),
        path=str(path),
    )


def _validated(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        raise _bad_file(path) from None
    try:
        if raw["format"] != ENROLLMENT_FORMAT:
            raise ValueError("format")
        url = str(raw["bureau_url"]).rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise ValueError("url")
        signing = base64.b64decode(raw["bureau_signing_key"], validate=True)
        recipients = [str(r) for r in raw["bureau_recipients"]]
        escrow = raw.get("escrow_recipient")
        if len(signing) != 32 or not recipients:
            raise ValueError("keys")
        if escrow:
            recipients.append(str(escrow))
        from pyrage import x25519

        for r in recipients:
            x25519.Recipient.from_str(r)
        token, code = str(raw["token"]), str(raw["school_code"])
        if len(token) < 16 or not code:
            raise ValueError("token")
        school_id = raw.get("school_id")
        if school_id is not None and str(uuid.UUID(school_id)) != school_id:
            raise ValueError("school_id")
    except Exception:  # noqa: BLE001 - KeyError, TypeError, ValueError and pyrage's own errors
        raise _bad_file(path) from None
    return {
        "bureau_url": url,
        "school_code": code,
        "school_name": str(raw.get("school_name", "")),
        "bureau_signing_key": raw["bureau_signing_key"],
        "recipients": recipients,
        "token": token,
        "school_id": uuid.UUID(school_id) if school_id else None,
    }


def read_enrollment_file(path: Path) -> dict[str, Any]:
    """The enrollment file's fields, checked completely (UserError if it is not one)."""
    return _validated(path)


def import_enrollment(ws: Workspace, path: Path) -> EnrollmentInfo:
    """Store the bureau's details and this PC's keys. Re-importing replaces an unregistered one."""
    fields = _validated(path)
    joining = fields["school_id"]
    if ws.school_id is None and joining is None:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Set up the school first, then import the enrollment file.")
        )
    if ws.school_id is None:
        # An empty data folder joins a school that already syncs: its records come
        # down with the first return bundles.
        ws.set_school_id(joining)
    elif joining is not None and joining != ws.school_id:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This enrollment file is for another school's records than the ones on this "
                "computer. Nothing was changed. Ask the bureau for this school's file.",
            )
        )
    with ws.read() as s:
        current = s.get(SyncEnrollment, 1)
        profile_code = s.scalar(select(School.code).where(School.id == ws.school_id)) or ""
    # A profile always has a code (the school form requires one); were it empty, the
    # enrollment's code is taken as the school's and the profile must then match it.
    if profile_code and profile_code.strip().casefold() != fields["school_code"].strip().casefold():
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This enrollment file is for school code {file_code}, but this computer holds "
                "the records of school {profile_code}. Nothing was changed. Ask the bureau for "
                "the enrollment file of school {profile_code}, or check the school code in the "
                "school profile.",
            ),
            file_code=fields["school_code"],
            profile_code=profile_code,
        )
    if current is not None and current.registered_at is not None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This computer is already enrolled with the bureau at {url}. Nothing was changed.",
            ),
            url=current.bureau_url,
        )
    from app.sync.identity import record_home, refuse_copy

    refuse_copy(ws)  # its keys belong to the folder it was copied from
    device_keys = sync_keys.load_or_create_device_keys(ws.device_id)
    record_home(ws)
    token = fields.pop("token")
    sync_keys.store_secret(ws.device_id, TOKEN_SECRET, token)
    bureau_fp = sync_keys.fingerprint(
        base64.b64decode(fields["bureau_signing_key"]) + fields["recipients"][0].encode("ascii")
    )
    fields["school_id"] = ws.school_id
    with ws.db.write(actor_id=None) as s:
        row = s.get(SyncEnrollment, 1) or SyncEnrollment(id=1)
        for key, value in fields.items():
            setattr(row, key, value)
        row.bureau_fingerprint = bureau_fp
        row.device_fingerprint = device_keys.fingerprint
        row.imported_at = datetime.now(UTC)
        s.add(row)
    return EnrollmentInfo(
        fields["bureau_url"], fields["school_code"], bureau_fp, device_keys.fingerprint, False
    )


def current_enrollment(ws: Workspace) -> SyncEnrollment:
    with ws.read() as s:
        row = s.get(SyncEnrollment, 1)
    if row is None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This computer is not enrolled with the education bureau yet. "
                "Import the enrollment file the bureau sent first.",
            )
        )
    return row


def _registration(ws: Workspace, row: SyncEnrollment) -> dict[str, str]:
    """What registration sends: the one-time token, the school, this device and its public keys."""
    device_keys = sync_keys.device_keys(ws.device_id)
    token = sync_keys.load_secret(ws.device_id, TOKEN_SECRET)
    if not token:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "The enrollment token is missing. Import the enrollment file again."
            )
        )
    return {
        "token": token,
        "school_code": row.school_code,
        "school_id": str(ws.school_id),
        "device_id": str(ws.device_id),
        "signing_key": device_keys.signing_public_b64,
        "recipient": device_keys.receiving.recipient,
    }


def mark_registered(ws: Workspace) -> None:
    """The bureau has this PC's keys: note it and forget the spent token (idempotent)."""
    with ws.db.write(actor_id=None) as s:
        row = s.get(SyncEnrollment, 1)
        if row.registered_at is None:
            row.registered_at = datetime.now(UTC)
    sync_keys.delete_secret(ws.device_id, TOKEN_SECRET)


def register(ws: Workspace, transport) -> EnrollmentInfo:
    """Send this PC's public keys to the bureau with the one-time token (idempotent once done)."""
    row = current_enrollment(ws)
    if row.registered_at is None:
        transport.register(_registration(ws, row))
        mark_registered(ws)
        row = current_enrollment(ws)
    return EnrollmentInfo(
        row.bureau_url, row.school_code, row.bureau_fingerprint, row.device_fingerprint, True
    )


REQUEST_FORMAT = "xiaoan-registration/1"  # app.bureau.usb reads it


def request_name(device_id) -> str:
    return f"{device_id}.register"


def write_registration_request(ws: Workspace, folder: Path) -> Path | None:
    """For a PC without internet: the registration as a file for the bureau's USB import,
    ``<device>.register`` in ``folder`` (JSON: ``format`` and what HTTP registration sends;
    readable by its owner only, it holds the one-time token). None once registered (an old
    request file there is removed)."""
    row = current_enrollment(ws)
    target = Path(folder) / request_name(ws.device_id)
    if row.registered_at is not None:
        target.unlink(missing_ok=True)
        return None
    body = json.dumps({"format": REQUEST_FORMAT, **_registration(ws, row)}, indent=1)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(body)
    tmp.replace(target)
    return target


def enroll_from_file(
    ws: Workspace, path: Path, transport_factory=None
) -> tuple[EnrollmentInfo, str]:
    """Import the file, then try to register at once (what the sync page does).

    Returns the enrollment and a problem code (:mod:`app.sync.problems`; ""
    when registration went through). A bureau that cannot be reached now is
    not an error: the next sync pass registers. ``transport_factory(url)``
    makes the transport (tests); by default a briefly patient HTTP one.
    """
    from app.sync import problems
    from app.sync.transport import HttpTransport, Refused, RetryPolicy, Transient

    info = import_enrollment(ws, path)
    # Someone is waiting at the screen: try briefly, the next pass tries again.
    if transport_factory is not None:
        transport = transport_factory(info.bureau_url)
    else:
        transport = HttpTransport(info.bureau_url, policy=RetryPolicy(2, timeout=20))
    try:
        return register(ws, transport), ""
    except (Transient, Refused) as e:
        return info, problems.classify(e, registering=True)
