"""The school's details after the first-run wizard: the wizard's fields, filled in.

Saving calls :func:`app.school.service.update_profile` (the principal's; the
service checks). Once this PC is enrolled with the bureau the school code is
the enrollment's: the field is read-only and says why. The app stays the
authority: its refusal is shown in words and the dialog stays open.

Threading: UI thread; reading the enrollment and saving run through
:mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.school.service import (
    SchoolProfile,
    enrolled_school_code,
    update_profile,
)
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background
from ui.school.fields import SchoolFields


class SchoolProfileDialog(QDialog):
    """Edits ``ctx.school``; :attr:`saved` is the stored profile once accepted."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: SchoolProfile | None = None
        self.enrolled_code: str | None = None
        self.setWindowTitle(translate("SchoolProfile", "School details"))
        school = ctx.school

        self.fields = SchoolFields(self)
        for attr in SchoolFields.WIDGETS:
            setattr(self, attr, getattr(self.fields, attr))
        self.fields.show_profile(school)
        self.code_note = QLabel()
        self.code_note.setObjectName("hint")
        self.code_note.setWordWrap(True)
        self.code_note.hide()
        form = QFormLayout()
        self.fields.add_rows(form, under_code=self.code_note)
        note = QLabel(
            translate(
                "SchoolProfile",
                "These details appear on every printed form. The kind of school, boarding "
                "and school buses decide which drills and checks are required.",
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.name.setFocus()

        ws = ctx.workspace
        run_in_background(
            lambda: enrolled_school_code(ws),
            on_done=self._enrollment_read,
            on_error=lambda _msg, _e: None,  # the service still checks when saving
            context=self,
            description="school details: enrolled code",
        )

    def _enrollment_read(self, code: str | None) -> None:
        self.enrolled_code = code
        if code is None:
            return
        self.code.setReadOnly(True)
        self.code_note.setText(
            translate(
                "SchoolProfile",
                "This computer is enrolled with the education bureau as school {code}, so "
                "the code cannot be changed here.",
            ).format(code=code)
        )
        self.code_note.show()

    def profile(self) -> SchoolProfile:
        return self.fields.profile(self.ctx.school.id)

    def save(self) -> None:
        profile = self.profile()
        try:
            profile.validated()  # pure checks first: no round trip for an empty name
        except UserError as e:
            self.message.show_error(e.localized(translate))
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        self.buttons.setEnabled(False)
        run_in_background(
            lambda: update_profile(ws, actor, profile),
            on_done=self._saved,
            on_error=self._refused,
            context=self,
            description="save school details",
        )

    def _saved(self, profile: SchoolProfile) -> None:
        self.saved = profile
        self.accept()

    def _refused(self, message: str, _error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.show_error(message)
