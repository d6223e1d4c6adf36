"""Why a sync pass stopped, as a stable code and a sentence a school secretary can act on.

A pass never shows a raw HTTP status: :func:`classify` turns what went wrong
into one of the codes below, :data:`MESSAGES` says in plain words what
happened and what to do (marked for translation, context ``"app"``). The
technical detail goes to the log only.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP

OFFLINE = "offline"
BUSY = "busy"
TOO_LARGE = "too_large"
REFUSED = "refused"
REGISTRATION_REFUSED = "registration_refused"
OTHER_SCHOOL = "registration_other_school"
OTHER_KEYS = "registration_other_keys"
DISK = "disk"

MESSAGES: dict[str, str] = {
    OFFLINE: QT_TRANSLATE_NOOP(
        "app",
        "The bureau's server could not be reached. Check the network cable or Wi-Fi. "
        "Nothing is lost: sync tries again by itself when the network is back.",
    ),
    BUSY: QT_TRANSLATE_NOOP(
        "app",
        "The bureau's server is busy or under maintenance. Nothing is lost: "
        "sync tries again by itself later.",
    ),
    TOO_LARGE: QT_TRANSLATE_NOOP(
        "app",
        "A bundle is larger than the bureau's server accepts. Take it to the bureau "
        "with USB transfer below, and tell the bureau.",
    ),
    REFUSED: QT_TRANSLATE_NOOP(
        "app",
        "The bureau's server refused this computer (it may have been withdrawn). "
        "Call the bureau and read them this computer's fingerprint.",
    ),
    REGISTRATION_REFUSED: QT_TRANSLATE_NOOP(
        "app",
        "The bureau did not accept the enrollment file (it is unknown, was already used "
        "or has expired). Ask the bureau for a new enrollment file and import it.",
    ),
    OTHER_SCHOOL: QT_TRANSLATE_NOOP(
        "app",
        "The bureau has this school code enrolled with another school: the enrollment "
        "file is for another school. Call the bureau and read them the school code.",
    ),
    OTHER_KEYS: QT_TRANSLATE_NOOP(
        "app",
        "The bureau already has this computer registered with other keys. Ask the bureau "
        "to reset the school's enrollment and send a new enrollment file, then import it.",
    ),
    DISK: QT_TRANSLATE_NOOP(
        "app",
        "The sync files in the data folder could not be read or written. Check that "
        "the disk is not full, then press Sync now.",
    ),
}


REGISTRATION_PROBLEMS = {"school_bound": OTHER_SCHOOL, "device_registered": OTHER_KEYS}


def classify(error: BaseException, *, registering: bool = False) -> str:
    """The problem code for an error that ended a pass."""
    from app.sync.transport import Refused, Transient  # requests & co. only when syncing

    if isinstance(error, Transient):
        status = error.status
        if status is not None and (status >= 500 or status in (408, 425, 429)):
            return BUSY
        return OFFLINE
    if isinstance(error, Refused):
        if error.status == 413:
            return TOO_LARGE
        if registering:
            # The bureau's reason, never its English (app.bureau.enrollment.REASONS).
            return REGISTRATION_PROBLEMS.get(error.reason, REGISTRATION_REFUSED)
        return REFUSED
    if isinstance(error, OSError):
        return DISK
    return OFFLINE


def message(code: str) -> str:
    """The untranslated message for a problem code ("" for none)."""
    return MESSAGES.get(code, MESSAGES[OFFLINE]) if code else ""
