"""Answering one inspection, keyboard first.

In the item table: **P** pass (合格), **F** fail (不合格), **N** not applicable
(不适用), **Enter** the next item. After F the cursor goes to the note; Enter
there saves the note and moves on. Photos come from a file dialog (files or
a folder) or are dropped onto the view; they belong to the item that was
current when they were chosen. Finalizing asks the inspector to confirm;
afterwards every editor is read-only and only a correction can follow.

Every answer is saved at once through one serial queue of background
operations (answers to the same item keep their order; the UI never waits).
If a save is refused, the message is shown and the inspection is read again.

Threading: UI thread; all reads and writes go through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.attachments.store import PhotoRef
from app.inspections import service
from app.inspections.queries import AnswerRow, InspectionDetail, inspection_detail
from ui.common.message_label import MessageLabel
from ui.common.photo_strip import PhotoStrip, local_paths
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import translate
from ui.inspections.dialogs import CorrectionDialog, FinalizeDialog
from ui.inspections.model import AnswersModel, kind_label
from ui.operations import run_in_background

KEYS = {Qt.Key.Key_P: "pass", Qt.Key.Key_F: "fail", Qt.Key.Key_N: "na"}
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AnswerView(QWidget):
    back = Signal()
    open_inspection = Signal(object)  # an inspection id (a correction just started)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.inspection_id: uuid.UUID | None = None
        self.detail: InspectionDetail | None = None
        self.read_only = True
        self.loads = 0  # completed reads; tests wait on it
        self.saves = 0  # completed (or refused) writes
        self.dialog: QWidget | None = None
        self._queue: deque[tuple[Callable[[], Any], Callable[[Any], None]]] = deque()
        self._running = False
        # What the user has given but the model may not show yet: answer id -> result / note.
        self._results: dict[uuid.UUID, str] = {}
        self._notes: dict[uuid.UUID, str] = {}
        self._pending_photos: dict[uuid.UUID, list[PhotoRef]] = {}

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("hint")
        self.meta.setWordWrap(True)
        self.progress = QLabel()

        self.model = AnswersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((36, 280, 96, 64, 150, 40)):
            self.table.setColumnWidth(col, width)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.item_text = QLabel()
        self.item_text.setWordWrap(True)
        self.item_text.setObjectName("itemText")
        self.item_text.setStyleSheet("font-size: 13pt; padding: 4px 0;")
        self.pass_button = QPushButton(translate("Inspections", "Pass (P)"))
        self.fail_button = QPushButton(translate("Inspections", "Fail (F)"))
        self.na_button = QPushButton(translate("Inspections", "Not applicable (N)"))
        for button, result in (
            (self.pass_button, "pass"),
            (self.fail_button, "fail"),
            (self.na_button, "na"),
        ):
            button.clicked.connect(lambda _=False, r=result: self.answer(r))
        results = QHBoxLayout()
        for b in (self.pass_button, self.fail_button, self.na_button):
            results.addWidget(b)
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            translate("Inspections", "Note (what was found); Enter saves and moves on")
        )
        self.note.returnPressed.connect(self._note_entered)
        self.photos = PhotoStrip(ctx)
        self.photos.editable = True
        self.photos.drop_tag = self.current_answer_id  # type: ignore[method-assign]
        self.photos.imported.connect(self._photos_imported)
        self.photos.import_failed.connect(self.message_error)
        self.add_files = QPushButton(translate("Inspections", "Add photos…"))
        self.add_folder = QPushButton(translate("Inspections", "Add a folder…"))
        self.add_files.clicked.connect(lambda: self.photos.choose_files(self.current_answer_id()))
        self.add_folder.clicked.connect(lambda: self.photos.choose_folder(self.current_answer_id()))
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.add_files)
        photo_buttons.addWidget(self.add_folder)
        photo_buttons.addStretch(1)
        keys_hint = QLabel(
            translate(
                "Inspections",
                "Keys: P pass · F fail · N not applicable · Enter next item. "
                "Photos can be dropped here.",
            )
        )
        keys_hint.setObjectName("hint")
        keys_hint.setWordWrap(True)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        side_layout.addWidget(self.item_text)
        side_layout.addLayout(results)
        side_layout.addWidget(QLabel(translate("Inspections", "Note:")))
        side_layout.addWidget(self.note)
        side_layout.addWidget(QLabel(translate("Inspections", "Photos of this item:")))
        side_layout.addWidget(self.photos)
        side_layout.addLayout(photo_buttons)
        side_layout.addWidget(keys_hint)
        side_layout.addStretch(1)

        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([640, 440])

        self.back_button = QPushButton(translate("Inspections", "Back to the list"))
        self.remaining_button = QPushButton(translate("Inspections", "All other items pass"))
        self.finalize_button = QPushButton(translate("Inspections", "Finalize…"))
        self.correct_button = QPushButton(translate("Inspections", "Start a correction…"))
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setToolTip(translate("Printing", "Preview, print or save the form"))
        self.print_button.clicked.connect(self.print_form)
        self.back_button.clicked.connect(self.back)
        self.remaining_button.clicked.connect(self.answer_remaining)
        self.finalize_button.clicked.connect(self.finalize)
        self.correct_button.clicked.connect(self.correct)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.progress)
        bottom.addStretch(1)
        for b in (
            self.remaining_button,
            self.finalize_button,
            self.correct_button,
            self.print_button,
        ):
            bottom.addWidget(b)

        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.setAcceptDrops(True)
        self.setTabOrder(self.table, self.pass_button)
        self.preview: QWidget | None = None
        self._set_read_only(True)

    # -- loading -------------------------------------------------------------------

    def open(self, inspection_id: uuid.UUID) -> None:
        """Read an inspection and show it (the current item is the first unanswered)."""
        if inspection_id != self.inspection_id:
            self.model.set_answers([])
            self.detail = None
        self.inspection_id = inspection_id
        self.reload()

    def reload(self, keep_row: int | None = None) -> None:
        iid = self.inspection_id
        if iid is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        run_in_background(
            lambda: inspection_detail(ws, actor, iid),
            on_done=lambda d: self._loaded(d, keep_row),
            on_error=self._load_failed,
            context=self,
            description="inspection detail",
        )

    def _loaded(self, detail: InspectionDetail, keep_row: int | None) -> None:
        self.loads += 1
        if detail.row.id != self.inspection_id:
            return
        self.detail = detail
        self._results.clear()
        self._notes.clear()
        self._pending_photos.clear()
        self.model.set_answers(detail.answers)
        row = detail.row
        self.title.setText(row.title)
        meta = [kind_label(row.kind), format_time(row.started_at)]
        meta += [" / ".join(x for x in (row.place, detail.zone) if x)]
        names = [n for n in detail.inspector_names if n]
        if names:
            meta.append(
                translate("Inspections", "Inspectors: {names}").format(names="、".join(names))
            )
        if row.finalized_at is not None:
            meta.append(
                translate("Inspections", "Finalized {time}").format(
                    time=format_time(row.finalized_at)
                )
            )
        if row.corrects_id is not None:
            meta.append(translate("Inspections", "Correction: {note}").format(note=detail.note))
        self.meta.setText("　·　".join(m for m in meta if m))
        self._set_read_only(row.finalized_at is not None)
        if keep_row is None:
            first_open = next((i for i, a in enumerate(detail.answers) if not a.result), 0)
            keep_row = first_open
        if self.model.rowCount():
            self.table.selectRow(min(keep_row, self.model.rowCount() - 1))
        self._show_progress()
        self.table.setFocus()

    def _load_failed(self, message: str, _e: BaseException) -> None:
        self.loads += 1
        self.message.show_error(message)

    def _set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for w in (
            self.pass_button,
            self.fail_button,
            self.na_button,
            self.add_files,
            self.add_folder,
            self.remaining_button,
            self.finalize_button,
        ):
            w.setEnabled(not read_only and self.detail is not None)
        self.note.setReadOnly(read_only)
        self.photos.editable = not read_only
        self.correct_button.setVisible(read_only and self.detail is not None)
        # Only a finalized inspection has its form (安全检查记录表) to print.
        self.print_button.setVisible(read_only and self.detail is not None)

    def _show_progress(self) -> None:
        total = self.model.rowCount()
        done = sum(1 for a in self.model.answers() if self._result_of(a))
        failed = sum(1 for a in self.model.answers() if self._result_of(a) == "fail")
        self.progress.setText(
            translate("Inspections", "{done} of {total} answered, {failed} failed").format(
                done=done, total=total, failed=failed
            )
        )

    # -- the current item ----------------------------------------------------------

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def current_answer(self) -> AnswerRow | None:
        return self.model.answer_at(self.current_row())

    def current_answer_id(self) -> uuid.UUID | None:
        a = self.current_answer()
        return a.id if a else None

    def _result_of(self, a: AnswerRow) -> str:
        return self._results.get(a.id, a.result)

    def _current_changed(self, current, previous) -> None:
        prev = self.model.answer_at(previous.row()) if previous.isValid() else None
        if prev is not None:
            self._commit_note(prev)
        a = self.model.answer_at(current.row()) if current.isValid() else None
        if a is None:
            self.item_text.clear()
            self.note.clear()
            self.photos.set_photos([])
            return
        self.item_text.setText(f"{a.position + 1}. {a.text}")
        self.note.setText(self._notes.get(a.id, a.note))
        self.photos.set_photos([*a.photos, *self._pending_photos.get(a.id, [])])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            mods = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key_event.key() in KEYS and mods == Qt.KeyboardModifier.NoModifier:
                self.answer(KEYS[Qt.Key(key_event.key())])
                return True
            if key_event.key() in ENTER:
                self.next_item()
                return True
        return super().eventFilter(watched, event)

    def next_item(self) -> None:
        row = self.current_row()
        if row + 1 < self.model.rowCount():
            self.table.selectRow(row + 1)
            self.table.setFocus()
        elif not self.read_only:
            self.finalize_button.setFocus()

    # -- answering -----------------------------------------------------------------

    def message_error(self, text: str) -> None:
        self.message.show_error(text)

    def answer(self, result: str) -> None:
        a = self.current_answer()
        if a is None:
            return
        if self.read_only:
            self.message.show_error(
                translate(
                    "Inspections", "This inspection is finalized; start a correction to change it."
                )
            )
            return
        self.message.clear_message()
        note = self.note.text()
        self._results[a.id] = result
        self._notes[a.id] = note
        photos = self._pending_photos.pop(a.id, [])
        self._save(a.id, result, note, photos)
        self._show_progress()
        if result == "fail":
            self.note.setFocus()
            self.note.selectAll()

    def _save(self, answer_id: uuid.UUID, result: str, note: str, photos: list[PhotoRef]) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        ids = [p.id for p in photos]
        self._enqueue(
            lambda: service.answer_item(ws, actor, answer_id, result, note, ids),
            lambda _r: self._saved(answer_id, result, note, photos),
        )

    def _saved(self, answer_id: uuid.UUID, result: str, note: str, photos: list[PhotoRef]) -> None:
        self.model.update_answer(answer_id, result, note.strip(), photos)
        self._show_progress()

    def _commit_note(self, a: AnswerRow) -> None:
        """Save an edited note of an answered item (kept until it is answered otherwise)."""
        if self.read_only or a.id != self.current_answer_id():
            return
        note = self.note.text()
        if note.strip() == self._notes.get(a.id, a.note).strip():
            return
        self._notes[a.id] = note
        result = self._result_of(a)
        if result:
            self._save(a.id, result, note, self._pending_photos.pop(a.id, []))

    def _note_entered(self) -> None:
        a = self.current_answer()
        if a is not None:
            self._commit_note(a)
        self.next_item()
        self.table.setFocus()

    def _photos_imported(self, refs: list[PhotoRef], answer_id: object) -> None:
        a = next((x for x in self.model.answers() if x.id == answer_id), None)
        if a is None or self.read_only:
            return
        if a.id == self.current_answer_id():
            self.photos.add_refs(refs)
        result = self._result_of(a)
        if result:
            self._save(a.id, result, self._notes.get(a.id, a.note), refs)
        else:  # linked with the answer once it is given
            self._pending_photos.setdefault(a.id, []).extend(refs)

    # -- drag and drop -------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if not self.read_only and local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = local_paths(event.mimeData())
        if not self.read_only and paths:
            event.acceptProposedAction()
            self.photos.import_paths(paths, self.current_answer_id())

    # -- the serial write queue ------------------------------------------------------

    def _enqueue(self, job: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._queue.append((job, on_done))
        self._pump()

    def _pump(self) -> None:
        if self._running or not self._queue:
            return
        job, on_done = self._queue.popleft()
        self._running = True
        run_in_background(
            job,
            on_done=lambda r: self._job_done(on_done, r),
            on_error=self._job_failed,
            context=self,
            description="inspection write",
        )

    def _job_done(self, on_done: Callable[[Any], None], result: Any) -> None:
        self._running = False
        self.saves += 1
        on_done(result)
        self._pump()

    def _job_failed(self, message: str, _e: BaseException) -> None:
        self._running = False
        self.saves += 1
        self._queue.clear()  # what follows assumed this one worked
        self.message.show_error(message)
        self.reload(keep_row=max(self.current_row(), 0))

    def idle(self) -> bool:
        """No write waiting or running."""
        return not self._running and not self._queue

    # -- finishing -----------------------------------------------------------------

    def answer_remaining(self) -> None:
        iid, ws, actor = self.inspection_id, self.ctx.workspace, self.ctx.actor
        if iid is None or self.read_only:
            return
        row = max(self.current_row(), 0)
        self._enqueue(
            lambda: service.answer_remaining(ws, actor, iid, "pass"),
            lambda _n: self.reload(keep_row=row),
        )

    def finalize(self) -> None:
        a = self.current_answer()
        if a is not None:
            self._commit_note(a)
        answers = self.model.answers()
        failed = sum(1 for x in answers if self._result_of(x) == "fail")
        dialog = FinalizeDialog(self, self.ctx.actor.name, len(answers), failed)
        self._open(dialog, lambda: self._finalize(dialog.note.text()))

    def _finalize(self, note: str) -> None:
        iid, ws, actor = self.inspection_id, self.ctx.workspace, self.ctx.actor
        if iid is None:
            return
        self._enqueue(
            lambda: service.finalize_inspection(ws, actor, iid, note),
            self._finalized,
        )

    def _finalized(self, summary: service.FinalizeSummary) -> None:
        self.message.show_notice(
            translate(
                "Inspections",
                "Finalized: {failed} failed items, {new} new hazards in the ledger, "
                "{joined} added to open hazards.",
            ).format(
                failed=summary.failed, new=len(summary.new_hazards), joined=len(summary.attached_to)
            )
        )
        self.ctx.events.changed.emit("inspections")
        self.reload(keep_row=max(self.current_row(), 0))

    def correct(self) -> None:
        iid, ws, actor = self.inspection_id, self.ctx.workspace, self.ctx.actor
        if iid is None:
            return
        dialog = CorrectionDialog(self)

        def start() -> None:
            reason = dialog.reason.text()
            run_in_background(
                lambda: service.correct_inspection(ws, actor, iid, reason),
                on_done=self._corrected,
                on_error=lambda msg, _e: self.message.show_error(msg),
                context=self,
                description="start a correction",
            )

        self._open(dialog, start)

    def _corrected(self, new_id: uuid.UUID) -> None:
        self.ctx.events.changed.emit("inspections")
        self.open_inspection.emit(new_id)

    def _open(self, dialog: QWidget, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def print_form(self) -> None:
        """Preview, print or save the finalized inspection's form (安全检查记录表)."""
        from ui.reports.preview import open_print_preview

        if self.inspection_id is not None and self.read_only and self.detail is not None:
            self.preview = open_print_preview(self.ctx, self, "inspection", self.inspection_id)
