"""Finishing an inspection: pass the rest, finalize (grade, confirm, sign), countersign,
correct and print. A mixin of :class:`ui.inspections.answer_view.AnswerView`, kept
apart so the answering view stays readable; it uses the view's widgets, its
serial write queue and its checks of the current item.

Threading: UI thread; writes go through the view's queue or :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.inspections import service
from app.inspections.signing import countersign_inspection
from ui.i18n import translate
from ui.inspections.dialogs import CorrectionDialog, CountersignDialog, FailedItem, FinalizeDialog
from ui.operations import run_in_background


class Finishing:
    """The bottom row's actions of the answering view."""

    def _pass_rest_key(self) -> None:
        if self.remaining_button.isEnabled() and self.remaining_button.isVisible():
            self.answer_remaining()

    def _finalize_key(self) -> None:
        if self.finalize_button.isEnabled() and self.finalize_button.isVisible():
            self.finalize()

    def answer_remaining(self) -> None:
        iid, ws, actor = self.inspection_id, self.ctx.workspace, self.ctx.actor
        if iid is None or self.read_only:
            return
        a = self.current_answer()
        if a is not None:
            self._commit_note(a)
        row = max(self.current_row(), 0)
        self._enqueue(
            lambda: service.answer_remaining(ws, actor, iid, "pass"),
            lambda _n: self.reload(keep_row=row),
        )

    def finalize(self) -> None:
        """Grade, confirm and sign; refused first, in words, while a failed item lacks its finding."""
        if self.read_only or self.detail is None:
            return
        a = self.current_answer()
        if a is not None:
            self._commit_note(a)
        answers = self.model.answers()
        missing = self.missing_finding()
        if missing is not None:
            self._refuse_moving_on(missing)
            return
        for row, x in enumerate(answers):
            if self.missing_finding(x) is not None:
                self.table.selectRow(row)
                self._refuse_moving_on(self.missing_finding(x) or self.note)
                return
        failed = [
            FailedItem(
                x.id,
                x.position + 1,
                x.text,
                self._notes.get(x.id, x.note).strip(),
                self._spots.get(x.id, x.spot).strip(),
                service.default_grade(x.severity),
            )
            for x in answers
            if self._result_of(x) == "fail"
        ]
        dialog = FinalizeDialog(self, self.ctx.actor.name, len(answers), failed)

        def accepted() -> None:
            self._finalize(
                dialog.note.text(),
                dialog.chosen_grades(),
                dialog.pad.strokes(),
                dialog.pad.to_png(),
            )

        self._open(dialog, accepted)

    def _finalize(self, note: str, grades: dict[uuid.UUID, str], strokes: list, png: bytes) -> None:
        iid, ws, actor = self.inspection_id, self.ctx.workspace, self.ctx.actor
        if iid is None:
            return
        self._enqueue(
            lambda: service.finalize_inspection(
                ws, actor, iid, note, grades=grades, strokes=strokes, png=png
            ),
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

    def countersign(self) -> None:
        """The principal signs the finalized inspection (a signature record; the record stays)."""
        iid, ws, actor = self.inspection_id, self.ctx.workspace, self.ctx.actor
        if iid is None or self.detail is None or not self.read_only:
            return
        dialog = CountersignDialog(self, actor.name, self.detail.row.title)

        def sign() -> None:
            strokes, png = dialog.pad.strokes(), dialog.pad.to_png()
            run_in_background(
                lambda: countersign_inspection(ws, actor, iid, strokes, png),
                on_done=lambda _id: self._countersigned(),
                on_error=lambda msg, _e: self.message.show_error(msg),
                context=self,
                description="countersign an inspection",
            )

        self._open(dialog, sign)

    def _countersigned(self) -> None:
        self.message.show_notice(
            translate("Inspections", "Countersigned. The signature prints on the inspection form.")
        )
        self.ctx.events.changed.emit("inspections")
        self.reload(keep_row=max(self.current_row(), 0))

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
