"""Words for bundle states and the bureau's quarantine reasons (translated, context "Sync")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.sync import status
from ui.i18n import translate

STATES = {
    "pending": QT_TRANSLATE_NOOP("Sync", "Waiting to send"),
    "uploading": QT_TRANSLATE_NOOP("Sync", "Sending"),
    "sent": QT_TRANSLATE_NOOP("Sync", "Sent, waiting for the bureau"),
    "acked": QT_TRANSLATE_NOOP("Sync", "Received by the bureau"),
    "quarantined": QT_TRANSLATE_NOOP("Sync", "Held back by the bureau"),
}

# The bureau's reason codes live in app.sync.status (the page's sentences use them too).
REASONS = status.REASONS


def state_label(state: str) -> str:
    return translate("Sync", STATES[state]) if state in STATES else state


def reason_label(reason: str) -> str:
    return status.reason_words(reason, translate)
