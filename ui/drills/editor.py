"""The drill editor: the plan, what happened, the evaluation, problems and photos.

A draft is saved with Ctrl+S (Enter in a one-line field saves too) and
finalized with Ctrl+Enter after a confirmation; a finalized record opens
read-only, with "Start correction" to write a corrected copy. Esc closes.

Threading: UI thread; every read and write goes through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QSize, QTime, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.drills.documents import attach_document
from app.drills.queries import DrillRecord, get_drill
from app.drills.service import (
    DrillForm,
    PhotoEntry,
    finalize_drill,
    problem_to_hazard,
    save_drill,
    start_correction,
)
from app.drills.types import DRILL_TYPE_LABELS, HAZARD_AREA_FOR_TYPE, RATING_LABELS, SCOPE_LABELS
from app.hazards.service import SCHOOL_TZ, school_today
from app.inspections.people import active_people
from ui.common.fields import qdate, text_box
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.drills.hazard_dialog import HazardChoiceDialog
from ui.drills.labels import rating_label, scope_label, type_label
from ui.drills.photo_grid import PhotoGrid
from ui.drills.photo_view import PhotoView
from ui.drills.problems import ProblemsTable
from ui.i18n import translate
from ui.operations import run_in_background
from ui.shell.geometry import fit_window

BEIJING = QTimeZone(8 * 3600)


class DrillEditor(QDialog):
    """Edit one drill (``drill_id`` None: a new draft). :attr:`saved` tells the page."""

    saved = Signal(object)  # drill id

    def __init__(self, ctx: AppContext, drill_id: uuid.UUID | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.drill_id = drill_id
        self.record: DrillRecord | None = None
        self.loaded = False  # the record (or the empty form) is shown; tests wait on it
        self.busy = False
        self.setWindowTitle(translate("Drills", "Drill record"))
        fit_window(self, QSize(1180, 800))
        today = school_today()

        self.header = QLabel()
        self.header.setObjectName("pageTitle")
        self.state = QLabel()
        self.state.setObjectName("hint")

        # -- the record ------------------------------------------------------------
        self.drill_type = QComboBox()
        for value in DRILL_TYPE_LABELS:
            self.drill_type.addItem(type_label(value), value)
        self.title = QLineEdit()
        self.title.setPlaceholderText(translate("Drills", "e.g. Autumn fire evacuation drill"))
        self.planned_on = QDateEdit(qdate(today))
        self.held = QCheckBox(translate("Drills", "Held"))
        self.held_at = QDateTimeEdit(QDateTime.currentDateTime(BEIJING))
        self.held_at.setTimeZone(BEIJING)
        for d in (self.planned_on, self.held_at):
            d.setCalendarPopup(True)
        self.planned_on.setDisplayFormat("yyyy-MM-dd")
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.held.toggled.connect(self.held_at.setEnabled)
        self.held_at.setEnabled(False)
        held_row = QHBoxLayout()
        held_row.addWidget(self.held)
        held_row.addWidget(self.held_at, 1)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(translate("Drills", " min"))
        self.duration.setSpecialValueText(translate("Drills", "not entered"))
        self.scope = QComboBox()
        for value in SCOPE_LABELS:
            self.scope.addItem(scope_label(value), value)
        self.scope_detail = QLineEdit()
        self.scope_detail.setPlaceholderText(translate("Drills", "Which grades or building"))
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope)
        scope_row.addWidget(self.scope_detail, 1)
        self.students = QSpinBox()
        self.staff = QSpinBox()
        for box in (self.students, self.staff):
            box.setRange(0, 100_000)
        people_row = QHBoxLayout()
        people_row.addWidget(QLabel(translate("Drills", "Students")))
        people_row.addWidget(self.students)
        people_row.addWidget(QLabel(translate("Drills", "Staff")))
        people_row.addWidget(self.staff)
        self.evacuation = QTimeEdit(QTime(0, 0))
        self.evacuation.setDisplayFormat("mm:ss")
        self.evacuation.setToolTip(
            translate("Drills", "From the alarm to the last class at the assembly point (mm:ss)")
        )
        self.organiser = QComboBox()
        self.organiser.setEditable(True)
        self.observers = QLineEdit()
        self.observers.setPlaceholderText(translate("Drills", "Names, separated by commas"))
        self.plan = text_box(
            translate("Drills", "Aims, command, routes, assembly point, roles"), 84, grows=True
        )
        self.documents = QListWidget()
        self.documents.setMaximumHeight(64)
        self.attach = QPushButton(translate("Drills", "Attach plan &document…"))
        self.attach.clicked.connect(self._choose_document)
        self.summary = text_box(
            translate("Drills", "What was done and how it went"), 84, grows=True
        )
        self.rating = QComboBox()
        self.rating.addItem(translate("Drills", "Not rated yet"), "")
        for value in RATING_LABELS:
            self.rating.addItem(rating_label(value), value)
        self.evaluation = text_box(
            translate("Drills", "Effect evaluation: aims met, timing, order"), 84, grows=True
        )

        form = QFormLayout()
        form.addRow(translate("Drills", "&Type"), self.drill_type)
        form.addRow(translate("Drills", "Tit&le"), self.title)
        form.addRow(translate("Drills", "Planned for"), self.planned_on)
        form.addRow(translate("Drills", "Held at"), held_row)
        form.addRow(translate("Drills", "Duration"), self.duration)
        form.addRow(translate("Drills", "Scope"), scope_row)
        form.addRow(translate("Drills", "Taking part"), people_row)
        form.addRow(translate("Drills", "Evacuation time"), self.evacuation)
        form.addRow(translate("Drills", "Organiser"), self.organiser)
        form.addRow(translate("Drills", "Observers"), self.observers)
        form.addRow(translate("Drills", "&Plan"), self.plan)
        form.addRow(translate("Drills", "Plan documents"), self.documents)
        form.addRow("", self.attach)
        form.addRow(translate("Drills", "&Summary"), self.summary)
        form.addRow(translate("Drills", "&Rating"), self.rating)
        form.addRow(translate("Drills", "E&valuation"), self.evaluation)
        left = QWidget()
        left.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)

        # -- problems --------------------------------------------------------------
        self.problems = ProblemsTable()
        self.add_problem = QPushButton(translate("Drills", "Add problem"))
        self.remove_problem = QPushButton(translate("Drills", "Remove"))
        self.to_hazard = QPushButton(translate("Drills", "Into the &hazard ledger…"))
        self.add_problem.clicked.connect(self._add_problem)
        self.remove_problem.clicked.connect(self._remove_problem)
        self.to_hazard.clicked.connect(self._problem_to_hazard)
        self.problems.currentCellChanged.connect(lambda *_a: self._update_buttons())

        # -- photos ----------------------------------------------------------------
        self.grid = PhotoGrid(ctx)
        self.grid.open_photo.connect(self.show_photo)
        self.grid.import_finished.connect(self._import_finished)
        self.add_photos = QPushButton(translate("Drills", "Add p&hotos…"))
        self.add_folder = QPushButton(translate("Drills", "Add a &folder…"))
        self.add_photos.clicked.connect(self.grid.choose_files)
        self.add_folder.clicked.connect(self.grid.choose_folder)
        photo_hint = QLabel(
            translate(
                "Drills",
                "F2 edits a caption, Enter shows the photo large, Delete removes it, "
                "Ctrl+←/→ moves it. Photos can also be dropped here.",
            )
        )
        photo_hint.setObjectName("hint")
        photo_hint.setWordWrap(True)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        photo_buttons = QHBoxLayout()
        photo_title = QLabel(translate("Drills", "Photos"))
        photo_title.setObjectName("sectionTitle")
        photo_buttons.addWidget(photo_title)
        photo_buttons.addStretch(1)
        photo_buttons.addWidget(self.add_photos)
        photo_buttons.addWidget(self.add_folder)
        rl.addLayout(photo_buttons)
        rl.addWidget(self.grid, 1)
        rl.addWidget(photo_hint)
        problem_title = QLabel(translate("Drills", "Problems found in the evaluation"))
        problem_title.setObjectName("sectionTitle")
        rl.addWidget(problem_title)
        rl.addWidget(self.problems)
        problem_buttons = QHBoxLayout()
        for b in (self.add_problem, self.remove_problem, self.to_hazard):
            problem_buttons.addWidget(b)
        problem_buttons.addStretch(1)
        rl.addLayout(problem_buttons)

        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(right)
        split.setSizes([520, 660])
        split.setChildrenCollapsible(False)

        # -- actions ---------------------------------------------------------------
        self.message = MessageLabel()
        self.save_button = QPushButton(translate("Drills", "&Save draft"))
        self.save_button.setDefault(True)
        self.finalize_button = QPushButton(translate("Drills", "&Finalize…"))
        self.correct_button = QPushButton(translate("Drills", "Start &correction"))
        self.close_button = QPushButton(translate("Drills", "Close"))
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setToolTip(translate("Printing", "Preview, print or save the form"))
        self.print_button.setVisible(False)
        self.print_button.clicked.connect(self.print_form)
        self.save_button.clicked.connect(lambda: self.save())
        self.finalize_button.clicked.connect(self.confirm_finalize)
        self.correct_button.clicked.connect(self.correct)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        for b in (
            self.print_button, self.correct_button, self.finalize_button, self.save_button,
            self.close_button,
        ):  # fmt: skip
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm_finalize)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_form)
        for w in (self.title, self.scope_detail, self.observers):
            w.returnPressed.connect(lambda: self.save())
        self.setTabOrder(self.drill_type, self.title)

        self._load_people()
        if drill_id is None:
            self._show(None)
        else:
            self.reload()

    # -- reading -------------------------------------------------------------------

    def _load_people(self) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        run_in_background(
            lambda: active_people(ws, actor),
            on_done=self._people_loaded,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="drill people",
        )

    def _people_loaded(self, people) -> None:
        current = self.organiser.currentText()
        self.organiser.clear()
        for p in people:
            self.organiser.addItem(p.name, p.id)
        if current:
            self.organiser.setCurrentText(current)
        elif self.drill_id is None:
            self.organiser.setCurrentText(self.ctx.actor.name)

    def reload(self) -> None:
        ws, drill_id = self.ctx.workspace, self.drill_id
        run_in_background(
            lambda: get_drill(ws, drill_id),
            on_done=self._show,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="drill record",
        )

    def _show(self, record: DrillRecord | None) -> None:
        self.record = record
        r = record
        editable = (r is None or not r.finalized) and allowed(
            self.ctx.actor, Permission.RECORD_DRILL
        )
        if r is not None:
            self.drill_type.setCurrentIndex(self.drill_type.findData(r.drill_type))
            self.title.setText(r.title)
            if r.planned_on:
                self.planned_on.setDate(qdate(r.planned_on))
            self.held.setChecked(r.held_at is not None)
            if r.held_at:
                self.held_at.setDateTime(
                    QDateTime.fromSecsSinceEpoch(int(r.held_at.timestamp()), BEIJING)
                )
            self.duration.setValue(r.duration_minutes or 0)
            self.scope.setCurrentIndex(self.scope.findData(r.scope))
            self.scope_detail.setText(r.scope_detail)
            self.students.setValue(r.students)
            self.staff.setValue(r.staff)
            secs = r.evacuation_seconds or 0
            self.evacuation.setTime(QTime(0, min(secs // 60, 59), secs % 60))
            self.organiser.setCurrentText(r.organiser_name)
            self.observers.setText("，".join(r.observers))
            self.plan.setPlainText(r.plan)
            self.summary.setPlainText(r.summary)
            self.rating.setCurrentIndex(max(0, self.rating.findData(r.rating)))
            self.evaluation.setPlainText(r.evaluation)
            self.documents.clear()
            for doc in r.documents:
                self.documents.addItem(f"{doc.name}（{doc.byte_size // 1024 + 1} KB）")
            self.problems.set_problems(r.problems)
        self.grid.editable = editable
        if r is not None:
            self.grid.set_photos((v.photo, v.caption) for v in r.photos)
        for w in (self.title, self.scope_detail, self.observers):
            w.setReadOnly(not editable)
        for w in (self.plan, self.summary, self.evaluation):
            w.setReadOnly(not editable)
        for w in (
            self.drill_type, self.planned_on, self.held, self.duration, self.scope, self.students,
            self.staff, self.evacuation, self.organiser, self.rating, self.add_photos,
            self.add_folder, self.add_problem, self.remove_problem, self.save_button,
            self.finalize_button,
        ):  # fmt: skip
            w.setEnabled(editable)
        self.held_at.setEnabled(editable and self.held.isChecked())
        self.attach.setEnabled(editable and r is not None)
        self.attach.setToolTip(
            "" if r is not None else translate("Drills", "Save the draft first.")
        )
        self.problems.set_editable(editable)
        self.correct_button.setVisible(r is not None and r.finalized)
        # Only a finalized drill has its record form (应急演练记录) to print.
        self.print_button.setVisible(r is not None and r.finalized)
        self.correct_button.setEnabled(allowed(self.ctx.actor, Permission.RECORD_DRILL))
        self.finalize_button.setVisible(r is None or not r.finalized)
        self.save_button.setVisible(r is None or not r.finalized)
        self._header(r)
        self._update_buttons()
        self.loaded = True
        self.drill_type.setFocus()

    def _header(self, r: DrillRecord | None) -> None:
        if r is None:
            self.header.setText(translate("Drills", "New drill"))
            self.state.setText(translate("Drills", "Draft (not saved yet)"))
            return
        self.header.setText(f"{type_label(r.drill_type)}　{r.ref}")
        if r.finalized:
            when = r.finalized_at.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M")
            text = translate("Drills", "Finalized {when}; it can no longer be changed.").format(
                when=when
            )
            if r.corrected_by_ref:
                text += " " + translate("Drills", "Replaced by the correction {ref}.").format(
                    ref=r.corrected_by_ref
                )
        else:
            text = translate("Drills", "Draft")
        if r.corrects_ref:
            text += " " + translate("Drills", "Corrects {ref}.").format(ref=r.corrects_ref)
        self.state.setText(text)

    # -- problems ------------------------------------------------------------------

    def _add_problem(self) -> None:
        self.problems.add_new()
        self._update_buttons()

    def _remove_problem(self) -> None:
        self.problems.remove_current()
        self._update_buttons()

    def _update_buttons(self) -> None:
        problem_id, _text, hazard_ref = self.problems.current()
        self.to_hazard.setEnabled(
            problem_id is not None
            and not hazard_ref
            and allowed(self.ctx.actor, Permission.REPORT_HAZARD)
        )

    def _problem_to_hazard(self) -> None:
        problem_id, text, _ref = self.problems.current()
        if problem_id is None:
            self.message.show_error(translate("Drills", "Save the draft first."))
            return
        default_area = HAZARD_AREA_FOR_TYPE.get(self.drill_type.currentData(), "security")
        dialog = HazardChoiceDialog(self, text, default_area)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        area, severity = dialog.area(), dialog.severity()
        run_in_background(
            lambda: problem_to_hazard(ws, actor, problem_id, area=area, severity=severity),
            on_done=lambda _hid: self._after_hazard(),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="drill problem to hazard",
        )

    def _after_hazard(self) -> None:
        self.message.show_notice(translate("Drills", "The problem is now in the hazard ledger."))
        self.ctx.events.changed.emit("hazards")
        self.reload()

    # -- photos and documents ------------------------------------------------------

    def show_photo(self, row: int) -> None:
        photos = self.grid.refs()
        if not photos:
            return
        PhotoView(self, self.ctx.workspace.data_dir, photos, min(row, len(photos) - 1)).exec()

    def _import_finished(self) -> None:
        if self.grid.refused:
            lines = [m for _name, m in self.grid.refused]
            self.message.show_error(
                translate("Drills", "Some files were not added:") + "\n" + "\n".join(lines)
            )

    def _choose_document(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("Drills", "Attach the plan document"),
            "",
            translate("Drills", "Documents (*.pdf *.doc *.docx *.jpg *.jpeg *.png)"),
        )
        if path:
            self.attach_document(path)

    def attach_document(self, path: str) -> None:
        if self.drill_id is None:
            return
        ws, actor, drill_id = self.ctx.workspace, self.ctx.actor, self.drill_id
        run_in_background(
            lambda: attach_document(ws, actor, drill_id, path),
            on_done=lambda _id: self.reload(),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="attach plan document",
        )

    # -- saving --------------------------------------------------------------------

    def form(self) -> DrillForm:
        held_at = None
        if self.held.isChecked():
            held_at = datetime.fromtimestamp(self.held_at.dateTime().toSecsSinceEpoch(), UTC)
        planned = self.planned_on.date()
        evac = self.evacuation.time()
        seconds = evac.minute() * 60 + evac.second()
        organiser_name = self.organiser.currentText().strip()
        organiser_id = None
        idx = self.organiser.findText(organiser_name)
        if idx >= 0:
            organiser_id = self.organiser.itemData(idx)
        observers = [
            o for part in self.observers.text().replace("，", ",").replace("、", ",").split(",")
            if (o := part.strip())
        ]  # fmt: skip
        return DrillForm(
            drill_type=self.drill_type.currentData(),
            title=self.title.text(),
            planned_on=planned.toPython(),
            plan=self.plan.toPlainText(),
            held_at=held_at,
            duration_minutes=self.duration.value() or None,
            scope=self.scope.currentData(),
            scope_detail=self.scope_detail.text(),
            students=self.students.value(),
            staff=self.staff.value(),
            evacuation_seconds=seconds or None,
            organiser_id=organiser_id,
            organiser_name=organiser_name,
            observers=tuple(observers),
            summary=self.summary.toPlainText(),
            rating=self.rating.currentData(),
            evaluation=self.evaluation.toPlainText(),
            problems=self.problems.entries(),
            photos=tuple(PhotoEntry(pid, caption) for pid, caption in self.grid.entries()),
        )

    def save(self, then_finalize: bool = False) -> None:
        if self.busy or not self.save_button.isEnabled():
            return
        if self.grid.pending:
            self.message.show_error(
                translate("Drills", "Photos are still being added. Save again when they are in.")
            )
            return
        ws, actor, drill_id, form = self.ctx.workspace, self.ctx.actor, self.drill_id, self.form()

        def work():
            did = save_drill(ws, actor, form, drill_id)
            if then_finalize:
                finalize_drill(ws, actor, did)
            return did

        self.busy = True
        run_in_background(
            work,
            on_done=lambda did: self._saved(did, then_finalize),
            on_error=self._failed,
            context=self,
            description="save drill",
        )

    def _failed(self, message: str, _error: BaseException) -> None:
        self.busy = False
        self.message.show_error(message)

    def _saved(self, drill_id: uuid.UUID, finalized: bool) -> None:
        self.busy = False
        self.drill_id = drill_id
        self.message.show_notice(
            translate("Drills", "Finalized.") if finalized else translate("Drills", "Draft saved.")
        )
        self.saved.emit(drill_id)
        self.ctx.events.changed.emit("drills")
        self.reload()

    def confirm_finalize(self) -> None:
        if not self.finalize_button.isEnabled() or not self.finalize_button.isVisible():
            return
        answer = QMessageBox.question(
            self,
            translate("Drills", "Finalize the drill record"),
            translate(
                "Drills",
                "After finalizing, the record cannot be changed; a mistake is put right "
                "with a correction. Finalize now?",
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.save(then_finalize=True)

    def correct(self) -> None:
        if self.drill_id is None:
            return
        ws, actor, drill_id = self.ctx.workspace, self.ctx.actor, self.drill_id
        run_in_background(
            lambda: start_correction(ws, actor, drill_id),
            on_done=self._correction_started,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="start drill correction",
        )

    def _correction_started(self, new_id: uuid.UUID) -> None:
        self.drill_id = new_id
        self.message.show_notice(
            translate("Drills", "This is a correction: change what was wrong, then finalize it.")
        )
        self.ctx.events.changed.emit("drills")
        self.reload()

    def print_form(self) -> None:
        """Preview, print or save the finalized drill's record form (应急演练记录)."""
        if self.record is None or not self.record.finalized:
            return
        from ui.reports.preview import open_print_preview

        self.preview = open_print_preview(self.ctx, self, "drill", self.record.id)
