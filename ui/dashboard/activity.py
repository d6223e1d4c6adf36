"""Recent activity on the dashboard: audit entries as readable rows.

Threading: UI thread only; the rows are loaded by the page in the background
and handed to :meth:`ActivityModel.set_items`.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)

from app.dashboard.overview import ActivityItem
from ui.common.list_model import Index, ListTableModel
from ui.i18n import role_label, translate

ACTION_LABELS: dict[str, str] = {
    "login": QT_TRANSLATE_NOOP("Activity", "Signed in"),
    "login.refused": QT_TRANSLATE_NOOP("Activity", "Sign-in refused (wrong password or PIN)"),
    "school.set_up": QT_TRANSLATE_NOOP("Activity", "Set up the school"),
    "school.update": QT_TRANSLATE_NOOP("Activity", "Edited the school profile"),
    "user.create": QT_TRANSLATE_NOOP("Activity", "Added a user"),
    "user.update": QT_TRANSLATE_NOOP("Activity", "Edited a user"),
    "user.activate": QT_TRANSLATE_NOOP("Activity", "Activated a user"),
    "user.deactivate": QT_TRANSLATE_NOOP("Activity", "Deactivated a user"),
    "user.reset_secret": QT_TRANSLATE_NOOP("Activity", "Reset a user's password or PIN"),
    "user.change_secret": QT_TRANSLATE_NOOP("Activity", "Changed own password or PIN"),
    "user.unlock": QT_TRANSLATE_NOOP("Activity", "Unlocked a user"),
    "backup.create": QT_TRANSLATE_NOOP("Activity", "Made a backup"),
    "inspection.start": QT_TRANSLATE_NOOP("Activity", "Started an inspection"),
    "inspection.answer": QT_TRANSLATE_NOOP("Activity", "Recorded inspection results"),
    "inspection.finalize": QT_TRANSLATE_NOOP("Activity", "Finalized an inspection"),
    "inspection.correct": QT_TRANSLATE_NOOP("Activity", "Corrected an inspection"),
    "hazard.report": QT_TRANSLATE_NOOP("Activity", "Reported a hazard"),
    "hazard.plan": QT_TRANSLATE_NOOP("Activity", "Set a rectification plan"),
    "hazard.start": QT_TRANSLATE_NOOP("Activity", "Started rectification"),
    "hazard.rectify": QT_TRANSLATE_NOOP("Activity", "Marked a hazard fixed"),
    "hazard.recheck": QT_TRANSLATE_NOOP("Activity", "Re-checked a hazard"),
    "hazard.major": QT_TRANSLATE_NOOP("Activity", "Marked a major hazard"),
    "hazard.monitor": QT_TRANSLATE_NOOP("Activity", "Monitored a major hazard"),
    "hazard.escalate": QT_TRANSLATE_NOOP("Activity", "Reported a hazard upward"),
    "photo.add": QT_TRANSLATE_NOOP("Activity", "Added a photo"),
    "monthly_report.draft": QT_TRANSLATE_NOOP("Activity", "Prepared the monthly safety report"),
    "monthly_report.finalize": QT_TRANSLATE_NOOP("Activity", "Signed the monthly safety report"),
}

COLUMNS = (
    QT_TRANSLATE_NOOP("Activity", "Time"),
    QT_TRANSLATE_NOOP("Activity", "Who"),
    QT_TRANSLATE_NOOP("Activity", "What"),
)


def action_label(action: str, detail: str = "") -> str:
    """A readable, translated label for an audit action code; unknown codes as they are."""
    if action == "login" and detail == "refused":
        action = "login.refused"
    label = ACTION_LABELS.get(action)
    return translate("Activity", label) if label else action


class ActivityModel(ListTableModel):
    CONTEXT = "Activity"
    COLUMNS = COLUMNS

    def set_items(self, items: list[ActivityItem]) -> None:
        self.set_rows(items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item: ActivityItem | None = self.valid_row(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return item.at.astimezone().strftime("%m-%d %H:%M")
            if col == 1:
                return translate("Activity", "{name} ({role})").format(
                    name=item.actor_name, role=role_label(item.actor_role)
                )
            if col == 2:
                return action_label(item.action, item.detail)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and item.detail:
            return item.detail
        return None
