"""Answering one inspection, keyboard first.

In the item table: **P** pass (合格) and **N** not applicable (不适用) answer and
go to the next item; **F** fail (不合格) puts the cursor in the note: what was
found, then (Enter or Tab) the exact spot; Enter there saves both and moves
on. A failed item cannot be left without its note and spot: moving on is
refused in words and the cursor goes to what is missing. **Enter** in the
table goes to the next item. **Ctrl+Shift+P** passes every item not yet
answered, **Ctrl+Enter** finalizes (the keys are shown on the buttons).
Clicking a result button answers as its key does and leaves the cursor
where the keys work, never on the button. Photos come from a file dialog
(files or a folder) or are dropped onto the view; they belong to the item
that was current when they were chosen. Finalizing asks the inspector to
grade each failed item, confirm and sign on the pad; afterwards every
editor is read-only and only a correction can follow. The principal may
countersign a finalized inspection.

Every answer is saved at once through one serial queue of background
operations (answers to the same item keep their order; the UI never waits).
If a save is refused, the message is shown and the inspection is read again.

Threading: UI thread; all reads and writes go through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
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

from app.accounts.roles import Permission, allowed
from app.attachments.store import PhotoRef
from app.inspections import service
from app.inspections.queries import AnswerRow, InspectionDetail, inspection_detail
from ui.common.message_label import MessageLabel
from ui.common.photo_strip import PhotoStrip, local_paths
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import translate
from ui.inspections.finishing import Finishing
from ui.inspections.model import AnswersModel, kind_label
from ui.inspections.writes import SerialWrites
from ui.operations import run_in_background

KEYS = {Qt.Key.Key_P: "pass", Qt.Key.Key_F: "fail", Qt.Key.Key_N: "na"}
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Standard-feeling keys that clash with nothing on the page or in the main window:
# P for pass, with Ctrl+Shift for "all the rest"; Ctrl+Enter submits, as in a form.
PASS_REST_KEY = QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_P)
FINALIZE_KEYS = (
    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter),
)


def key_text(key: QKeySequence) -> str:
    return key.toString(QKeySequence.SequenceFormat.NativeText)


class AnswerView(Finishing, SerialWrites, QWidget):
    back = Signal()
    open_inspection = Signal(object)  # an inspection id (a correction just started)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.inspection_id: uuid.UUID | None = None
        self.detail: InspectionDetail | None = None
        self.read_only = True
        self.loads = 0  # completed reads; tests wait on it
        self.dialog: QWidget | None = None
        self._init_writes()
        # What the user has given but the model may not show yet: answer id -> result / note.
        self._results: dict[uuid.UUID, str] = {}
        self._notes: dict[uuid.UUID, str] = {}
        self._spots: dict[uuid.UUID, str] = {}
        self._refused = False  # the message shows why moving on was refused
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
        for col, width in enumerate((36, 280, 96, 64, 150, 40)):
            self.table.setColumnWidth(col, width)
        # The item's text takes what is left, so every column fits a 1366-px laptop
        # without a horizontal scrollbar (long texts are elided; the item shows in full
        # beside the table).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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
            # A click answers and leaves the cursor where the keys work (see answer()).
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            results.addWidget(b)
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            translate("Inspections", "Note (what was found); Enter saves and moves on")
        )
        self.note.returnPressed.connect(self._note_entered)
        self.spot = QLineEdit()
        self.spot.setPlaceholderText(translate("Inspections", "e.g. 2nd floor, east stairs"))
        self.spot.setToolTip(translate("Inspections", "Where exactly the problem is"))
        self.spot.setMaxLength(200)
        self.spot.returnPressed.connect(self._spot_entered)
        finding = QGridLayout()
        finding.addWidget(QLabel(translate("Inspections", "Note:")), 0, 0)
        finding.addWidget(QLabel(translate("Inspections", "Exact spot (failed item):")), 0, 1)
        finding.addWidget(self.note, 1, 0)
        finding.addWidget(self.spot, 1, 1)
        finding.setColumnStretch(0, 3)
        finding.setColumnStretch(1, 2)
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
                "Keys: P pass · F fail (then the note and the spot) · N not applicable; "
                "Enter next item. Photos can be dropped here.",
            )
        )
        keys_hint.setObjectName("hint")
        keys_hint.setWordWrap(True)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        side_layout.addWidget(self.item_text)
        side_layout.addLayout(results)
        side_layout.addLayout(finding)
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
        self.remaining_button = QPushButton(
            translate("Inspections", "All other items pass ({key})").format(
                key=key_text(PASS_REST_KEY)
            )
        )
        self.finalize_button = QPushButton(
            translate("Inspections", "Finalize… ({key})").format(key=key_text(FINALIZE_KEYS[0]))
        )
        self.correct_button = QPushButton(translate("Inspections", "Start a correction…"))
        self.countersign_button = QPushButton(translate("Inspections", "Countersign…"))
        self.countersign_button.setToolTip(
            translate("Inspections", "The principal signs the finalized inspection form")
        )
        self.countersign_button.clicked.connect(self.countersign)
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
            self.countersign_button,
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
        self.shortcuts = [QShortcut(PASS_REST_KEY, self, self._pass_rest_key)]
        self.shortcuts += [QShortcut(k, self, self._finalize_key) for k in FINALIZE_KEYS]
        for shortcut in self.shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
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
        self._spots.clear()
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
        for signed, text in (
            (detail.inspector_signature, translate("Inspections", "Signed by {name}")),
            (detail.principal_signature, translate("Inspections", "Countersigned by {name}")),
        ):
            if signed is not None:
                meta.append(text.format(name=signed.name))
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
        self.spot.setReadOnly(read_only)
        self.photos.editable = not read_only
        self.correct_button.setVisible(read_only and self.detail is not None)
        self.countersign_button.setVisible(
            read_only
            and self.detail is not None
            and self.detail.principal_signature is None
            and allowed(self.ctx.actor, Permission.COUNTERSIGN_INSPECTION)
        )
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
            # The fields still show the item being left: keep what was typed.
            self._commit_note(prev, leaving=True)
            if current.isValid() and self.missing_finding(prev, from_fields=True) is not None:
                # Moving on (a click, an arrow key) without the finding: back to it.
                left = previous.row()
                QTimer.singleShot(0, lambda: self._back_to(left))
        a = self.model.answer_at(current.row()) if current.isValid() else None
        if a is None:
            self.item_text.clear()
            self.note.clear()
            self.spot.clear()
            self.photos.set_photos([])
            return
        self.item_text.setText(f"{a.position + 1}. {a.text}")
        self.note.setText(self._notes.get(a.id, a.note))
        self.spot.setText(self._spots.get(a.id, a.spot))
        self._show_spot(a)
        self.photos.set_photos([*a.photos, *self._pending_photos.get(a.id, [])])

    def _show_spot(self, a: AnswerRow) -> None:
        """The spot is asked for a failed item only."""
        self.spot.setEnabled(self._result_of(a) == "fail")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            mods = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key_event.key() in KEYS and mods == Qt.KeyboardModifier.NoModifier:
                self.answer(KEYS[Qt.Key(key_event.key())])
                return True
            if key_event.key() in ENTER and mods == Qt.KeyboardModifier.NoModifier:
                self.next_item()
                return True
        return super().eventFilter(watched, event)

    def missing_finding(
        self, a: AnswerRow | None = None, *, from_fields: bool = False
    ) -> QLineEdit | None:
        """For a failed item, the field still empty (note first, then spot), else None.

        ``from_fields``: the note and spot fields still show ``a`` (it is being left).
        """
        a = a or self.current_answer()
        if a is None or self.read_only or self._result_of(a) != "fail":
            return None
        shown = from_fields or a.id == self.current_answer_id()
        note = self.note.text() if shown else self._notes.get(a.id, a.note)
        spot = self.spot.text() if shown else self._spots.get(a.id, a.spot)
        if not note.strip():
            return self.note
        if not spot.strip():
            return self.spot
        return None

    def _refuse_moving_on(self, missing: QLineEdit) -> None:
        a = self.current_answer()
        n = a.position + 1 if a else 0
        if missing is self.note:
            text = translate(
                "Inspections", "Item {n} failed: write down what was found before moving on."
            )
        else:
            text = translate("Inspections", "Item {n} failed: say exactly where before moving on.")
        self.message.show_error(text.format(n=n))
        self._refused = True
        missing.setFocus()

    def _back_to(self, row: int) -> None:
        a = self.model.answer_at(row)
        missing = self.missing_finding(a) if a is not None else None
        if missing is None:
            return
        self.table.selectRow(row)
        self._refuse_moving_on(missing)

    def next_item(self) -> None:
        """Go to the next item, unless the current one failed without its note and spot."""
        missing = self.missing_finding()
        if missing is not None:
            self._refuse_moving_on(missing)
            return
        if self._refused:  # the refusal is answered: it no longer applies
            self._refused = False
            self.message.clear_message()
        a = self.current_answer()
        if a is not None:
            self._commit_note(a)
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
        note, spot = self.note.text(), self.spot.text()
        self._results[a.id] = result
        self._notes[a.id] = note
        self._spots[a.id] = spot
        photos = self._pending_photos.pop(a.id, [])
        self._save(a.id, result, note, photos, spot)
        self._show_progress()
        self._show_spot(a)
        if result == "fail":
            missing = self.missing_finding(a) or self.note
            missing.setFocus()
            missing.selectAll()
        else:
            self.next_item()

    def _save(
        self,
        answer_id: uuid.UUID,
        result: str,
        note: str,
        photos: list[PhotoRef],
        spot: str = "",
    ) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        ids = [p.id for p in photos]
        self._enqueue(
            lambda: service.answer_item(ws, actor, answer_id, result, note, ids, spot=spot),
            lambda _r: self._saved(answer_id, result, note, photos, spot),
        )

    def _saved(
        self, answer_id: uuid.UUID, result: str, note: str, photos: list[PhotoRef], spot: str
    ) -> None:
        self.model.update_answer(answer_id, result, note.strip(), photos, spot.strip())
        self._show_progress()

    def _commit_note(self, a: AnswerRow, *, leaving: bool = False) -> None:
        """Save an edited note or spot of an answered item (kept until it is answered otherwise).

        The fields must be showing ``a``: it is the current item, or ``leaving``.
        """
        if self.read_only or (a.id != self.current_answer_id() and not leaving):
            return
        note, spot = self.note.text(), self.spot.text()
        if (note.strip(), spot.strip()) == (
            self._notes.get(a.id, a.note).strip(),
            self._spots.get(a.id, a.spot).strip(),
        ):
            return
        self._notes[a.id] = note
        self._spots[a.id] = spot
        result = self._result_of(a)
        if result:
            self._save(a.id, result, note, self._pending_photos.pop(a.id, []), spot)

    def _note_entered(self) -> None:
        """Enter in the note: on to the spot of a failed item, else to the next item."""
        a = self.current_answer()
        failed = a is not None and self._result_of(a) == "fail"
        if failed and self.note.text().strip() and not self.spot.text().strip():
            self._commit_note(a)
            self.spot.setFocus()
            return
        self.next_item()

    def _spot_entered(self) -> None:
        self.next_item()

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
