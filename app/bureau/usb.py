"""Importing a USB folder of school bundles at the bureau (``xiaoan-bureau import-usb FOLDER``).

First every ``*.register`` entry (a PC's registration request, written by
:func:`app.sync.enrollment.write_registration_request` while it is not
registered: a school without internet) is read the same careful way, at most
:data:`MAX_REQUEST_BYTES`, parsed as JSON only then, checked field by field and
registered with :func:`app.bureau.enrollment.register_device` (the one-time
token authorises it, exactly as over HTTP); outcome ``registered`` or
``refused`` with the registration's reason. The files that device made before
(waiting as ``unknown_device``) are taken right after.

Then every ``*.bundle`` entry of the folder is taken on its own, in name order:
only regular files up to :data:`MAX_FILE_BYTES` are read
(:mod:`app.sync.usbfiles`: no symlink is followed — a link to ``bureau.key``
never reaches the spool —, a FIFO or device is never opened for reading, a
big file is refused before it is read); each file read goes to
:meth:`Ingestor.receive`, which quarantines a bad one by reason; a file that
fails in any other way is reported and the next one goes on. The report lists
every file's outcome: ``registered``, ``applied``, ``held``, ``duplicate``, ``quarantined``
(with the ingest reason), ``skipped`` (not read: ``not_a_file``,
``too_large``, ``unreadable``) or ``error``.
"""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path

from app.bureau.enrollment import RegistrationError, checked_registration, register_device
from app.sync.envelope import MAX_FILE_BYTES
from app.sync.usbfiles import FolderReport, take_each

log = logging.getLogger(__name__)

GOOD = ("registered", "applied", "held", "duplicate")
# A registration request is six short fields: a few hundred bytes.
MAX_REQUEST_BYTES = 4096
REQUEST_FORMAT = "xiaoan-registration/1"


def register_request(ingestor, data: bytes) -> tuple[str, str]:
    """Register one request file's bytes: ``("registered", "")`` or ``("refused", reason)``."""
    try:
        raw = json.loads(data.decode("utf-8"))
        if not isinstance(raw, dict) or raw.pop("format", None) != REQUEST_FORMAT:
            raise ValueError("not a registration request")
    except (UnicodeDecodeError, ValueError):
        return "refused", "malformed"
    try:
        payload = checked_registration(raw)
        register_device(ingestor.engine, payload)
    except RegistrationError as e:
        return "refused", e.reason
    ingestor.take_waiting(uuid.UUID(payload["device_id"]))
    return "registered", ""


def import_folder(ingestor, folder: Path, *, cap: int = MAX_FILE_BYTES) -> FolderReport:
    """Register every request, then ingest every bundle file of ``folder``; never stops
    at a bad one."""
    report = FolderReport()

    def register(path: Path, data: bytes) -> tuple[str, str]:
        outcome, reason = register_request(ingestor, data)
        log.info("USB import: registration %s: %s %s", path.name, outcome, reason)
        return outcome, reason

    def receive(path: Path, data: bytes) -> tuple[str, str]:
        result = ingestor.receive(data, path.name)
        return result.state, result.reason

    take_each(folder, "*.register", MAX_REQUEST_BYTES, report, register)
    take_each(folder, "*.bundle", cap, report, receive)
    return report
