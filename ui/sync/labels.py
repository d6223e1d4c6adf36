"""Words for bundle states and the bureau's quarantine reasons (translated, context "Sync")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.i18n import translate

STATES = {
    "pending": QT_TRANSLATE_NOOP("Sync", "Waiting to send"),
    "uploading": QT_TRANSLATE_NOOP("Sync", "Sending"),
    "sent": QT_TRANSLATE_NOOP("Sync", "Sent, waiting for the bureau"),
    "acked": QT_TRANSLATE_NOOP("Sync", "Received by the bureau"),
    "quarantined": QT_TRANSLATE_NOOP("Sync", "Held back by the bureau"),
}

# The bureau's reason codes (app/sync/README.md), in words a school can act on.
REASONS = {
    "not_a_bundle": QT_TRANSLATE_NOOP("Sync", "the file is not a sync bundle"),
    "wrong_recipient": QT_TRANSLATE_NOOP("Sync", "made for another bureau's key"),
    "corrupt": QT_TRANSLATE_NOOP("Sync", "the bureau received it damaged"),
    "bad_manifest": QT_TRANSLATE_NOOP("Sync", "the contents list is unreadable"),
    "unknown_format": QT_TRANSLATE_NOOP("Sync", "made by a newer version of xiaoan"),
    "unknown_device": QT_TRANSLATE_NOOP(
        "Sync", "the bureau does not know this computer (withdrawn or not enrolled)"
    ),
    "bad_signature": QT_TRANSLATE_NOOP("Sync", "the signature does not match this computer"),
    "member_hash_mismatch": QT_TRANSLATE_NOOP("Sync", "the bureau received it damaged"),
    "seq_conflict": QT_TRANSLATE_NOOP(
        "Sync", "the bureau already has another file with this number"
    ),
    "broken_chain": QT_TRANSLATE_NOOP("Sync", "does not follow the previous bundle"),
    "clock_skew": QT_TRANSLATE_NOOP("Sync", "this computer's clock is far ahead; check the date"),
    "apply_failed": QT_TRANSLATE_NOOP("Sync", "the bureau could not file its records"),
    "rejected": QT_TRANSLATE_NOOP("Sync", "the bureau rejected it"),
}


def state_label(state: str) -> str:
    return translate("Sync", STATES[state]) if state in STATES else state


def reason_label(reason: str) -> str:
    if not reason:
        return ""
    if reason in REASONS:
        return translate("Sync", REASONS[reason])
    return translate("Sync", "reason given by the bureau: {reason}").format(reason=reason)
