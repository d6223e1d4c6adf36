"""The pages of the main window's navigation, in order.

A record area adds its page with one line in :data:`PAGES`: a key, the
navigation title (marked with ``QT_TRANSLATE_NOOP("Navigation", ...)``), the
page class as ``"module:Class"`` (imported only when the page is first
shown, which keeps start-up lean) and who may see it. The class is called
with the :class:`~ui.context.AppContext` and must be a QWidget.

Only pages that work are listed. People and their logins share one page
("staff"): a login belongs to a person of the staff directory, so there is
no separate users page where a person could be typed a second time.

Keyboard conventions for pages (the main window owns these keys):

* every page has a key of its own in :data:`PAGE_KEYS` (shown in the
  navigation's tooltip and on the F1 sheet);
* **Ctrl+P** belongs to the main window: a page that prints a form defines
  ``print_selected()`` (preview the chosen record's form, through
  :func:`ui.reports.preview.open_print_preview`), and the window calls it.
  A page must not bind Ctrl+P itself (the two would cancel each other out);
* a page whose form holds input that is not saved yet may define
  ``unsaved_input() -> bool``; without it the shell notices typing itself
  (:mod:`ui.shell.unsaved`).
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from app.accounts.roles import Permission, allowed
from app.actor import Actor
from app.incidents.access import may_report as may_report_incident
from ui.context import AppContext


def everyone(_actor: Actor) -> bool:
    return True


def may(permission: Permission) -> Callable[[Actor], bool]:
    def check(actor: Actor) -> bool:
        return allowed(actor, permission)

    return check


@dataclasses.dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source; translated with context "Navigation"
    factory: str  # "module:Class", called with the AppContext
    visible: Callable[[Actor], bool] = everyone

    def create(self, ctx: AppContext) -> QWidget:
        module, name = self.factory.split(":")
        return getattr(importlib.import_module(module), name)(ctx)


PAGES: list[PageSpec] = [
    PageSpec("dashboard", QT_TRANSLATE_NOOP("Navigation", "Dashboard"), "ui.dashboard.page:DashboardPage"),
    PageSpec("inspections", QT_TRANSLATE_NOOP("Navigation", "Safety inspections"), "ui.inspections.page:InspectionsPage", may(Permission.INSPECT)),
    PageSpec("hazards", QT_TRANSLATE_NOOP("Navigation", "Hazard ledger"), "ui.hazards.page:HazardsPage", may(Permission.REPORT_HAZARD)),
    PageSpec("incidents", QT_TRANSLATE_NOOP("Navigation", "Incidents"), "ui.incidents.page:IncidentsPage", may_report_incident),
    PageSpec("drills", QT_TRANSLATE_NOOP("Navigation", "Emergency drills"), "ui.drills.page:DrillsPage", may(Permission.RECORD_DRILL)),
    PageSpec("handover", QT_TRANSLATE_NOOP("Navigation", "Shift handover"), "ui.duty.handover_page:HandoverPage", may(Permission.RECORD_HANDOVER)),
    PageSpec("roster", QT_TRANSLATE_NOOP("Navigation", "Duty roster"), "ui.duty.roster_page:RosterPage"),
    PageSpec("grid", QT_TRANSLATE_NOOP("Navigation", "Responsibility grid"), "ui.grid.page:GridPage"),
    PageSpec("staff", QT_TRANSLATE_NOOP("Navigation", "Staff and logins"), "ui.staff.page:StaffPage", may(Permission.EDIT_STAFF)),
    PageSpec("monthly", QT_TRANSLATE_NOOP("Navigation", "Monthly report"), "ui.monthly.page:MonthlyReportPage", may(Permission.PREPARE_MONTHLY_REPORT)),
    PageSpec("sync", QT_TRANSLATE_NOOP("Navigation", "Sync"), "ui.sync.page:SyncPage", may(Permission.BACKUP)),
    PageSpec("settings", QT_TRANSLATE_NOOP("Navigation", "Settings"), "ui.settings.page:SettingsPage"),
]  # fmt: skip


# Each page's key, the same on every account (a page keeps its key whoever signs
# in, so the keys on a shared PC never change meaning): Ctrl+1…Ctrl+9 and Ctrl+0
# for the ten record pages in the principal's order, letters for the rest.
PAGE_KEYS: dict[str, str] = {
    "dashboard": "Ctrl+1",
    "inspections": "Ctrl+2",
    "hazards": "Ctrl+3",
    "incidents": "Ctrl+4",
    "drills": "Ctrl+5",
    "handover": "Ctrl+6",
    "roster": "Ctrl+7",
    "grid": "Ctrl+8",
    "staff": "Ctrl+9",
    "monthly": "Ctrl+0",
    "sync": "Ctrl+Shift+S",
    "settings": "Ctrl+,",
}


def pages_for(actor: Actor) -> list[PageSpec]:
    return [p for p in PAGES if p.visible(actor)]


def page_key(spec: PageSpec) -> QKeySequence:
    """The shortcut that shows ``spec``'s page (empty if it has none)."""
    return QKeySequence(PAGE_KEYS.get(spec.key, ""))
