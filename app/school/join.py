"""An empty data folder joins a school that already uses xiaoan on another PC.

:func:`join_school` is the first-run wizard's import of the bureau's
enrollment file: it takes only a file that names a school already syncing
(the bureau writes the school's id into it once the school's first PC has
registered) and only into a folder with no school; then
:func:`app.sync.enrollment.import_enrollment` stores it (which validates the
whole file before storing anything). The records themselves come with the
first sync pass (:func:`app.sync.service.sync_pass`) or a USB reply.
No Qt; call from a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync.enrollment import EnrollmentInfo, import_enrollment, read_enrollment_file
from app.workspace import Workspace


def join_school(ws: Workspace, path: Path) -> EnrollmentInfo:
    """Import ``path`` into this empty data folder; UserError (nothing changed) when it
    cannot be joined with."""
    if ws.school_id is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This data folder already has a school."))
    if read_enrollment_file(Path(path))["school_id"] is None:  # raises for an unreadable file
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This enrollment file is for a school that does not use xiaoan on any "
                "computer yet, so there are no records to join. Nothing was changed. Set up "
                "the school instead (go back and choose a new school), or ask the bureau for "
                "the file it writes once the school's first computer has registered.",
            )
        )
    return import_enrollment(ws, Path(path))
