"""Importing a USB folder of school bundles at the bureau (``xiaoan-bureau import FOLDER``).

Every ``*.bundle`` entry of the folder is taken on its own, in name order:
only regular files up to :data:`MAX_FILE_BYTES` are read
(:mod:`app.sync.usbfiles`: no symlink is followed — a link to ``bureau.key``
never reaches the spool —, a FIFO or device is never opened for reading, a
big file is refused before it is read); each file read goes to
:meth:`Ingestor.receive`, which quarantines a bad one by reason; a file that
fails in any other way is reported and the next one goes on. The report lists
every file's outcome: ``applied``, ``held``, ``duplicate``, ``quarantined``
(with the ingest reason), ``skipped`` (not read: ``not_a_file``,
``too_large``, ``unreadable``) or ``error``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.sync.envelope import MAX_FILE_BYTES
from app.sync.usbfiles import FolderReport, UnsafeFile, folder_files, read_file_capped

log = logging.getLogger(__name__)

GOOD = ("applied", "held", "duplicate")


def import_folder(ingestor, folder: Path, *, cap: int = MAX_FILE_BYTES) -> FolderReport:
    """Ingest every bundle file of ``folder``; never stops at a bad one."""
    report = FolderReport()
    for path in folder_files(Path(folder), "*.bundle"):
        try:
            data = read_file_capped(path, cap)
        except UnsafeFile as e:
            log.warning("USB import: %s skipped (%s)", path.name, e)
            report.add(path.name, "skipped", e.reason)
            continue
        try:
            result = ingestor.receive(data, path.name)
        except Exception as e:  # noqa: BLE001 - one file's failure never stops the folder
            log.exception("USB import: %s failed", path.name)
            report.add(path.name, "error", type(e).__name__)
            continue
        report.add(path.name, result.state, result.reason)
    return report
