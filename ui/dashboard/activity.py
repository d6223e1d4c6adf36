"""Recent activity on the dashboard: audit entries as readable rows.

Threading: UI thread only; the rows are loaded by the page in the background
and handed to :meth:`ActivityModel.set_items`.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)

from app.dashboard.overview import ActivityItem
from app.periods import parse_month
from app.school.clock import SCHOOL_TZ
from ui.common.list_model import Index, ListTableModel
from ui.formatting import period_text
from ui.i18n import role_label, translate

ACTION_LABELS: dict[str, str] = {
    "login": QT_TRANSLATE_NOOP("Activity", "Signed in"),
    "login.refused": QT_TRANSLATE_NOOP("Activity", "Sign-in refused (wrong password or PIN)"),
    "logout": QT_TRANSLATE_NOOP("Activity", "Signed out"),
    "identity.confirm": QT_TRANSLATE_NOOP("Activity", "Confirmed own identity to sign"),
    "identity.confirm.refused": QT_TRANSLATE_NOOP(
        "Activity", "Identity check refused (wrong password or PIN)"
    ),
    "school.set_up": QT_TRANSLATE_NOOP("Activity", "Set up the school"),
    "school.update": QT_TRANSLATE_NOOP("Activity", "Edited the school profile"),
    "user.create": QT_TRANSLATE_NOOP("Activity", "Added a user"),
    "user.update": QT_TRANSLATE_NOOP("Activity", "Edited a user"),
    "user.activate": QT_TRANSLATE_NOOP("Activity", "Activated a user"),
    "user.deactivate": QT_TRANSLATE_NOOP("Activity", "Deactivated a user"),
    "user.reset_secret": QT_TRANSLATE_NOOP("Activity", "Reset a user's password or PIN"),
    "user.change_secret": QT_TRANSLATE_NOOP("Activity", "Changed own password or PIN"),
    "user.unlock": QT_TRANSLATE_NOOP("Activity", "Unlocked a user"),
    "user.claim_on_pc": QT_TRANSLATE_NOOP(
        "Activity", "Took this new computer over for the school (first sign-in)"
    ),
    "backup.create": QT_TRANSLATE_NOOP("Activity", "Made a backup"),
    "data_key.show": QT_TRANSLATE_NOOP("Activity", "Showed the recovery code"),
    "backup.restore": QT_TRANSLATE_NOOP("Activity", "Restored a backup"),
    "sync.reenroll": QT_TRANSLATE_NOOP(
        "Activity", "Re-enrolled this data folder as a new computer"
    ),
    "inspection.start": QT_TRANSLATE_NOOP("Activity", "Started an inspection"),
    "inspection.answer": QT_TRANSLATE_NOOP("Activity", "Recorded inspection results"),
    "inspection.finalize": QT_TRANSLATE_NOOP("Activity", "Finalized an inspection"),
    "inspection.correct": QT_TRANSLATE_NOOP("Activity", "Corrected an inspection"),
    "inspection.countersign": QT_TRANSLATE_NOOP("Activity", "Countersigned an inspection"),
    "hazard.report": QT_TRANSLATE_NOOP("Activity", "Reported a hazard"),
    "hazard.plan": QT_TRANSLATE_NOOP("Activity", "Set a rectification plan"),
    "hazard.start": QT_TRANSLATE_NOOP("Activity", "Started rectification"),
    "hazard.rectify": QT_TRANSLATE_NOOP("Activity", "Marked a hazard fixed"),
    "hazard.recheck": QT_TRANSLATE_NOOP("Activity", "Re-checked a hazard"),
    "hazard.major": QT_TRANSLATE_NOOP("Activity", "Marked a major hazard"),
    "hazard.monitor": QT_TRANSLATE_NOOP("Activity", "Monitored a major hazard"),
    "hazard.escalate": QT_TRANSLATE_NOOP("Activity", "Reported a hazard upward"),
    "oversight.reply": QT_TRANSLATE_NOOP("Activity", "Answered a supervision order"),
    "oversight.acknowledge": QT_TRANSLATE_NOOP("Activity", "Acknowledged a bureau notice"),
    "photo.add": QT_TRANSLATE_NOOP("Activity", "Added a photo"),
    "duty.finding.to_hazard": QT_TRANSLATE_NOOP(
        "Activity", "Turned a patrol finding into a hazard"
    ),
    "duty.handover.record": QT_TRANSLATE_NOOP("Activity", "Recorded a shift handover"),
    "duty.handover.sign": QT_TRANSLATE_NOOP("Activity", "Signed a shift handover"),
    "duty.holiday.mark": QT_TRANSLATE_NOOP("Activity", "Marked school holidays"),
    "duty.rotation.generate": QT_TRANSLATE_NOOP("Activity", "Generated a duty rotation"),
    "duty.shift.add": QT_TRANSLATE_NOOP("Activity", "Added a duty shift"),
    "duty.shift.remove": QT_TRANSLATE_NOOP("Activity", "Removed a duty shift"),
    "duty.shift.swap": QT_TRANSLATE_NOOP("Activity", "Swapped duty shifts"),
    "duty.type.add": QT_TRANSLATE_NOOP("Activity", "Added a kind of duty"),
    "grid.assign": QT_TRANSLATE_NOOP("Activity", "Assigned a grid responsibility"),
    "grid.assignment.end": QT_TRANSLATE_NOOP("Activity", "Ended a grid responsibility"),
    "grid.letter.record": QT_TRANSLATE_NOOP("Activity", "Recorded a responsibility letter"),
    "grid.letter.signed": QT_TRANSLATE_NOOP("Activity", "Signed a responsibility letter"),
    "grid.post.add": QT_TRANSLATE_NOOP("Activity", "Added a post's safety duties"),
    "grid.post.update": QT_TRANSLATE_NOOP("Activity", "Edited a post's safety duties"),
    "grid.zone.add": QT_TRANSLATE_NOOP("Activity", "Added a responsibility zone"),
    "grid.zone.remove": QT_TRANSLATE_NOOP("Activity", "Removed a responsibility zone"),
    "grid.zone.update": QT_TRANSLATE_NOOP("Activity", "Edited a responsibility zone"),
    "staff.activate": QT_TRANSLATE_NOOP("Activity", "Reactivated a staff member"),
    "staff.add": QT_TRANSLATE_NOOP("Activity", "Added a staff member"),
    "staff.deactivate": QT_TRANSLATE_NOOP("Activity", "Marked a staff member as left"),
    "staff.merge": QT_TRANSLATE_NOOP("Activity", "Joined two entries of one person"),
    "staff.leave.add": QT_TRANSLATE_NOOP("Activity", "Recorded a staff leave"),
    "staff.leave.cancel": QT_TRANSLATE_NOOP("Activity", "Cancelled a staff leave"),
    "staff.update": QT_TRANSLATE_NOOP("Activity", "Edited a staff member"),
    "signature.attach_png": QT_TRANSLATE_NOOP("Activity", "Saved a signature picture"),
    "drill.save": QT_TRANSLATE_NOOP("Activity", "Saved a drill record"),
    "drill.finalize": QT_TRANSLATE_NOOP("Activity", "Finalized a drill record"),
    "drill.correct": QT_TRANSLATE_NOOP("Activity", "Started a correction of a drill record"),
    "drill.discard": QT_TRANSLATE_NOOP("Activity", "Discarded a drill draft"),
    "drill.document": QT_TRANSLATE_NOOP("Activity", "Attached a drill plan document"),
    "drill.document.remove": QT_TRANSLATE_NOOP("Activity", "Removed a drill plan document"),
    "drill.problem.to_hazard": QT_TRANSLATE_NOOP(
        "Activity", "Turned a drill problem into a hazard"
    ),
    "school.terms": QT_TRANSLATE_NOOP("Activity", "Set the school's term dates"),
    "incident.report": QT_TRANSLATE_NOOP("Activity", "Reported an incident"),
    "incident.add_person": QT_TRANSLATE_NOOP("Activity", "Added a person to an incident"),
    "incident.report_phone": QT_TRANSLATE_NOOP("Activity", "Logged an incident's phone report"),
    "incident.report_written": QT_TRANSLATE_NOOP("Activity", "Logged an incident's written report"),
    "incident.report_follow_up": QT_TRANSLATE_NOOP("Activity", "Logged a follow-up report"),
    "incident.close": QT_TRANSLATE_NOOP("Activity", "Closed an incident"),
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
    if detail == "refused" and f"{action}.refused" in ACTION_LABELS:
        action = f"{action}.refused"
    label = ACTION_LABELS.get(action)
    return translate("Activity", label) if label else action


def detail_text(action: str, detail: str) -> str:
    """An entry's detail for its tooltip; a monthly report's month in words, not its key."""
    if action.startswith("monthly_report."):
        with contextlib.suppress(ValueError):
            return period_text(parse_month(detail))
    return detail


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
                return item.at.astimezone(SCHOOL_TZ).strftime("%m-%d %H:%M")
            if col == 1:
                return translate("Activity", "{name} ({role})").format(
                    name=item.actor_name, role=role_label(item.actor_role)
                )
            if col == 2:
                return action_label(item.action, item.detail)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and item.detail:
            return detail_text(item.action, item.detail)
        return None
