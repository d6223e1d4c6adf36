"""责任网格: every zone and post against its three roles, readable at a glance.

A row with nobody responsible is red and says so in words; a missing
leader or supervisor, or a person who has left, is amber. Choosing a row
shows the post's duty list (一岗双责) or the zone's place. The second tab
lists the responsibility letters (安全责任书) with their scans. Keys:
Ctrl+Shift+Z add a zone, Ctrl+Shift+P add a post, Ctrl+E edit, Ctrl+Shift+A
assign people, F5 read again.

Phone numbers are personal data: they are shown only to roles that may
edit the staff directory.

Threading: UI thread; every read and change goes through :mod:`ui.operations`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.attachments.store import viewable_path
from app.grid import letters, service
from app.grid.overview import (
    NO_LEADER,
    NO_PERSON,
    NO_SUPERVISOR,
    PERSON_LEFT,
    GridRow,
    grid_overview,
)
from app.hazards.service import school_today
from app.staff.service import list_staff
from ui.common.list_model import ListTableModel
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.common.photo_strip import PhotoStrip
from ui.context import AppContext
from ui.grid.dialogs import AssignDialog, LetterDialog, PostDialog, ZoneDialog, zone_kind_label
from ui.i18n import translate
from ui.operations import run_in_background

UNASSIGNED_BACKGROUND = QColor("#fde7e4")
UNASSIGNED_TEXT = QColor("#a4262c")
INCOMPLETE_BACKGROUND = QColor("#fff4d6")
FLAG = {
    NO_PERSON: QT_TRANSLATE_NOOP("Grid", "No responsible person"),
    PERSON_LEFT: QT_TRANSLATE_NOOP("Grid", "Responsible person has left"),
    NO_LEADER: QT_TRANSLATE_NOOP("Grid", "no leader"),
    NO_SUPERVISOR: QT_TRANSLATE_NOOP("Grid", "no supervisor"),
}


def flags_text(row: GridRow) -> str:
    if not row.flags:
        return translate("Grid", "✓ Complete")
    if row.unassigned:  # the leader and supervisor are missing too; one flag says it
        return "⚠ " + translate("Grid", FLAG[NO_PERSON])
    return "⚠ " + "、".join(translate("Grid", FLAG[f]) for f in row.flags)


class GridModel(ListTableModel):
    CONTEXT = "Grid"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Grid", "Zone / post"),
        QT_TRANSLATE_NOOP("Grid", "Kind"),
        QT_TRANSLATE_NOOP("Grid", "Responsible leader"),
        QT_TRANSLATE_NOOP("Grid", "Responsible person"),
        QT_TRANSLATE_NOOP("Grid", "Supervisor"),
        QT_TRANSLATE_NOOP("Grid", "Phone"),
        QT_TRANSLATE_NOOP("Grid", "Status"),
    )
    show_phones = False

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: GridRow | None = self.valid_row(index)
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.BackgroundRole and r.flags:
            return QBrush(UNASSIGNED_BACKGROUND if r.unassigned else INCOMPLETE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and r.unassigned and col in (3, 6):
            return QBrush(UNASSIGNED_TEXT)
        if role == Qt.ItemDataRole.FontRole and (col == 0 or (r.unassigned and col in (3, 6))):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and r.duties:
            return "\n".join(r.duties)
        return None

    def _text(self, r: GridRow, col: int) -> str:
        if col == 0:
            return r.name
        if col == 1:
            return zone_kind_label(r.kind) if r.target == "zone" else translate("Grid", "Post")
        if col == 2:
            return r.leader or "—"
        if col == 3:
            return r.person or translate("Grid", "⚠ nobody")
        if col == 4:
            return r.supervisor or "—"
        if col == 5:
            return (r.person_phone or "") if self.show_phones else ""
        return flags_text(r)


class LettersModel(ListTableModel):
    CONTEXT = "Grid"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Grid", "Year"),
        QT_TRANSLATE_NOOP("Grid", "Title"),
        QT_TRANSLATE_NOOP("Grid", "Issued by"),
        QT_TRANSLATE_NOOP("Grid", "Signed by"),
        QT_TRANSLATE_NOOP("Grid", "Signed on"),
        QT_TRANSLATE_NOOP("Grid", "Scan"),
    )

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        v = self.valid_row(index)
        if v is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return v.scan_photo.original_name if v.scan_photo else v.scan_path
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and v.signed_on is None:
            return QBrush(UNASSIGNED_TEXT)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 5:
            return "📎 " + translate("Grid", "attached") if v.scan_sha256 else ""
        if col == 4:
            return v.signed_on.isoformat() if v.signed_on else translate("Grid", "not signed yet")
        return str((v.year, v.title, v.issuer_name, v.signer_name)[col])


def _table(model) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class GridPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loads = 0
        self.dialog: QDialog | None = None
        self.staff, self.zones, self.posts = [], {}, {}
        can_edit = allowed(ctx.actor, Permission.EDIT_GRID)

        title = QLabel(translate("Grid", "Responsibility grid"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)

        self.model = GridModel(self)
        self.model.show_phones = allowed(ctx.actor, Permission.EDIT_STAFF)
        self.table = _table(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.table.doubleClicked.connect(lambda _i: self.open_assign())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setMinimumWidth(240)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot, keys in (
            ("zone", translate("Grid", "Add zone…"), self.open_zone, "Ctrl+Shift+Z"),
            ("post", translate("Grid", "Add post…"), self.open_post, "Ctrl+Shift+P"),
            ("edit", translate("Grid", "Edit…"), self.open_edit, "Ctrl+E"),
            ("assign", translate("Grid", "Assign people…"), self.open_assign, "Ctrl+Shift+A"),
            ("remove", translate("Grid", "Remove"), self.remove_chosen, None),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            if not can_edit:  # hide() only: showing a parentless button makes it a window
                b.hide()
            if keys:
                b.setToolTip(keys)
                QShortcut(QKeySequence(keys), self, slot)
            bar.addWidget(b)
            self.buttons[key] = b
        bar.addStretch(1)
        # Everyone may print a zone's placard (安全责任区公示牌) for the wall.
        self.print_button = QPushButton(translate("Grid", "Print placard…"))
        self.print_button.setToolTip(translate("Printing", "Preview, print or save the form"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_placard)
        bar.addWidget(self.print_button)
        grid_tab = QWidget()
        grid_layout = QVBoxLayout(grid_tab)
        grid_layout.addLayout(bar)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        grid_layout.addWidget(split, 1)

        self.letters = LettersModel(self)
        self.letter_table = _table(self.letters)
        self.letter_table.doubleClicked.connect(lambda _i: self.open_scan())
        self.letter_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._letter_chosen()
        )
        self.scan_strip = PhotoStrip(ctx)
        self.scan_strip.itemActivated.connect(lambda _i: self.open_scan())
        self.unsigned = QLabel()
        self.unsigned.setWordWrap(True)
        self.letter_button = QPushButton(translate("Grid", "Record letter…"))
        self.letter_button.clicked.connect(self.open_letter)
        if not can_edit:
            self.letter_button.hide()
        self.scan_button = QPushButton(translate("Grid", "Open scan"))
        self.scan_button.clicked.connect(self.open_scan)
        letter_bar = QHBoxLayout()
        letter_bar.addWidget(self.letter_button)
        letter_bar.addWidget(self.scan_button)
        letter_bar.addStretch(1)
        letters_tab = QWidget()
        letters_layout = QVBoxLayout(letters_tab)
        letters_layout.addLayout(letter_bar)
        letters_layout.addWidget(self.letter_table, 1)
        letters_layout.addWidget(self.scan_strip)
        letters_layout.addWidget(self.unsigned)

        self.tabs = QTabWidget()
        self.tabs.addTab(grid_tab, translate("Grid", "Zones and posts"))
        self.tabs.addTab(letters_tab, translate("Grid", "Responsibility letters"))
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        ctx.events.changed.connect(self._elsewhere_changed)
        self.live = LiveRefresh(self, ctx, self.refresh, tables=("grid_zone", "grid_post",
            "grid_assignment", "responsibility_letter", "staff_member", "user_account"))  # fmt: skip
        self._stale = True

    # -- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        ws, today = self.ctx.workspace, school_today()

        def load():
            return (grid_overview(ws, today), list_staff(ws), service.list_zones(ws),
                    service.list_posts(ws), letters.list_letters(ws),
                    letters.unsigned_staff(ws, today.year))  # fmt: skip

        run_in_background(
            load,
            on_done=self._loaded,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="grid overview",
        )

    def _loaded(self, result) -> None:
        overview, self.staff, zones, posts, letter_rows, unsigned = result
        self.zones = {z.id: z for z in zones}
        self.posts = {p.id: p for p in posts}
        current = self.chosen()
        self.model.set_rows(overview.rows)
        self.letters.set_rows(letter_rows)
        self.loads += 1
        n, total = len(overview.unassigned), len(overview.rows)
        if n:
            self.summary.setText("⚠ " + translate(
                "Grid", "{n} of {total} zones and posts have no responsible person."
            ).format(n=n, total=total))  # fmt: skip
            self.summary.setStyleSheet(
                f"color: {UNASSIGNED_TEXT.name()}; font-size: 13pt; font-weight: 600;"
            )
        else:
            self.summary.setText(
                translate("Grid", "All {total} zones and posts have a responsible person.").format(
                    total=total
                )
            )
            self.summary.setStyleSheet("color: #1b6e2d; font-size: 13pt;")
        self.unsigned.setText(
            translate("Grid", "No signed letter for {year} yet: {names}").format(
                year=school_today().year, names="、".join(unsigned)
            ) if unsigned else ""
        )  # fmt: skip
        if current is not None:
            self.select(current.id)
        self._chosen()

    # -- choosing --------------------------------------------------------------------

    def chosen(self) -> GridRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def print_selected(self) -> None:
        """Ctrl+P (the main window's): the chosen zone's placard."""
        self.print_placard()

    def print_placard(self) -> None:
        """Preview, print or save the chosen zone's placard (安全责任区公示牌)."""
        r = self.chosen()
        if r is None or r.target != "zone":
            return
        from ui.reports.preview import open_print_preview

        self.preview = open_print_preview(self.ctx, self, "placard", r.id)

    def select(self, row_id) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).id == row_id:
                self.table.selectRow(r)
                return True
        return False

    def _chosen(self) -> None:
        r = self.chosen()
        for key in ("edit", "assign", "remove"):
            self.buttons[key].setEnabled(r is not None)
        self.print_button.setEnabled(r is not None and r.target == "zone")
        if r is None:
            self.detail.setText(translate("Grid", "Choose a zone or a post."))
            return
        lines = [f"<b>{r.name}</b>"]
        if r.target == "post":
            lines.append(translate("Grid", "Safety duties of this post:"))
            lines += [f"{i}. {d}" for i, d in enumerate(r.duties, 1)]
        else:
            lines.append(zone_kind_label(r.kind) + (f"　{r.place}" if r.place else ""))
        if r.valid_to:
            lines.append(
                translate("Grid", "Assigned until {date}").format(date=r.valid_to.isoformat())
            )
        lines.append(flags_text(r))
        self.detail.setText("<br>".join(lines))

    # -- changes ---------------------------------------------------------------------

    def run(self, job: Callable[[], Any], notice: str) -> None:
        self.message.clear_message()

        def done(_r) -> None:
            self.message.show_notice(notice)
            self.ctx.events.changed.emit("grid")  # this page reads again on the event

        run_in_background(job, on_done=done, on_error=lambda msg, _e: self.message.show_error(msg),
                          context=self, description="grid change")  # fmt: skip

    def _open(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _submit(self, dialog, call: Callable[[dict], Any], notice: str) -> None:
        """Open ``dialog``; once accepted, read its values here and run ``call(values)``."""

        def accepted() -> None:
            values = dialog.values()
            self.run(lambda: call(values), notice)

        self._open(dialog, accepted)

    def _may_edit(self) -> bool:
        return allowed(self.ctx.actor, Permission.EDIT_GRID)

    def open_zone(self) -> None:
        if not self._may_edit():
            return
        dialog = ZoneDialog(self)
        ws, actor = self.ctx.workspace, self.ctx.actor
        self._submit(
            dialog, lambda v: service.add_zone(ws, actor, **v), translate("Grid", "Zone added.")
        )

    def open_post(self) -> None:
        if not self._may_edit():
            return
        dialog = PostDialog(self)
        ws, actor = self.ctx.workspace, self.ctx.actor
        self._submit(
            dialog, lambda v: service.add_post(ws, actor, **v), translate("Grid", "Post added.")
        )

    def open_edit(self) -> None:
        r = self.chosen()
        if r is None or not self._may_edit():
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        if r.target == "zone":
            dialog = ZoneDialog(self, self.zones.get(r.id))
            self._submit(
                dialog,
                lambda v: service.update_zone(ws, actor, r.id, **v),
                translate("Grid", "Saved."),
            )
        else:
            dialog = PostDialog(self, self.posts.get(r.id))
            self._submit(
                dialog,
                lambda v: service.update_post(ws, actor, r.id, **v),
                translate("Grid", "Saved."),
            )

    def open_assign(self) -> None:
        r = self.chosen()
        if r is None or not self._may_edit():
            return
        if not self.staff:
            self.message.show_error(translate("Grid", "Add the staff to the directory first."))
            return
        dialog = AssignDialog(self, r.name, self.staff, school_today())
        ws, actor = self.ctx.workspace, self.ctx.actor
        key = "zone_id" if r.target == "zone" else "post_id"
        self._submit(
            dialog,
            lambda v: service.assign(ws, actor, **{key: r.id}, **v),
            translate("Grid", "Assigned."),
        )

    def remove_chosen(self) -> None:
        r = self.chosen()
        if r is None or not self._may_edit():
            return
        answer = QMessageBox.question(
            self, translate("Grid", "Remove"),
            translate("Grid", "Remove {name} and its assignments from the grid?").format(name=r.name),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        key = "zone_id" if r.target == "zone" else "post_id"
        self.run(lambda: service.remove(ws, actor, **{key: r.id}), translate("Grid", "Removed."))

    def open_letter(self) -> None:
        if not self._may_edit():
            return
        dialog = LetterDialog(self, self.staff, school_today())
        ws, actor = self.ctx.workspace, self.ctx.actor
        self._submit(
            dialog,
            lambda v: letters.record_letter(ws, actor, **v),
            translate("Grid", "Letter recorded."),
        )

    def chosen_letter(self):
        index = self.letter_table.currentIndex()
        return self.letters.row_at(index.row()) if index.isValid() else None

    def _letter_chosen(self) -> None:
        v = self.chosen_letter()
        self.scan_strip.set_photos([v.scan_photo] if v is not None and v.scan_photo else [])

    def open_scan(self) -> None:
        """Open the scan in the system viewer: the stored original, or the referenced file."""
        v = self.chosen_letter()
        if v is not None and v.scan_photo is not None:
            ref = v.scan_photo
            path = str(viewable_path(self.ctx.workspace.data_dir, ref.sha256, ref.media_type))
        elif v is not None and v.scan_path:
            path = v.scan_path
        else:
            self.message.show_error(translate("Grid", "This letter has no scan attached."))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    # -- refresh ---------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _elsewhere_changed(self, area: str) -> None:
        if area in ("grid", "staff"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True
