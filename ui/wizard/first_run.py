"""First run: welcome, then either a new school or joining one that already uses xiaoan.

A new school: the school profile and the first principal account; finishing
calls ``app.school.service.set_up_school`` in the background. Joining (a
school's second or reinstalled PC): the bureau's enrollment file, the
school's records by sync or USB (:mod:`ui.wizard.join`), then "Who are you?"
(:mod:`ui.wizard.claim`);
finishing calls ``app.accounts.joined.claim_on_joined_pc``. The app is the
authority on what is valid: when it refuses, its message is shown on the
wizard, nothing is saved and the wizard stays open. The pages also run the
app's pure checks before moving on, so mistakes show early.

``stage`` (from :func:`app.accounts.joined.join_stage`, read before the
wizard opens) starts a data folder that is half-way through joining on the
join page or on "Who are you?".

Threading: UI thread; the save runs through :mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.accounts.joined import CLAIM, JOIN
from app.accounts.roles import Role
from app.accounts.service import validate_user_fields
from app.actor import Actor
from app.errors import UserError
from app.school.service import SchoolProfile, set_up_school
from app.workspace import Workspace
from ui.common.message_label import MessageLabel
from ui.common.secret_fields import SecretFields
from ui.i18n import translate
from ui.operations import run_in_background
from ui.school.fields import SchoolFields
from ui.shell.geometry import fit_window
from ui.wizard.claim import ClaimPage
from ui.wizard.join import (
    CLAIM_PAGE,
    JOIN_PAGE,
    PRINCIPAL_PAGE,
    SCHOOL_PAGE,
    WELCOME_PAGE,
    WITH_BACK,
    JoinPage,
)


class _Page(QWizardPage):
    """A wizard page with a message line under its fields."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self.message = MessageLabel()
        self.body = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.body.addStretch(1)
        self.body.addWidget(self.message)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("hint")
    return label


class WelcomePage(_Page):
    def __init__(self, ws: Workspace) -> None:
        super().__init__(translate("FirstRun", "Welcome to xiaoan"))
        text = QLabel(
            translate(
                "FirstRun",
                "xiaoan keeps your school's safety records: inspections and hazards, drills, "
                "the responsibility grid and duty rosters. Everything is stored on this computer "
                "and works without the internet.",
            )
        )
        text.setWordWrap(True)
        self.new_school = QRadioButton(translate("FirstRun", "Set up a new &school"))
        new_hint = _hint(
            translate(
                "FirstRun",
                "Enter the school's details and create the principal's account. "
                "The principal then adds the other staff.",
            )
        )
        self.join = QRadioButton(
            translate("FirstRun", "This school already uses xiaoan on another computer: &join it")
        )
        join_hint = _hint(
            translate(
                "FirstRun",
                "With the enrollment file from the education bureau. The school's records and "
                "accounts come from the bureau; you then set your password or PIN for this "
                "computer.",
            )
        )
        self.new_school.setChecked(True)
        where = _hint(translate("FirstRun", "Data folder: {path}").format(path=str(ws.data_dir)))
        self.body.addWidget(text)
        self.body.addSpacing(12)
        for widget in (self.new_school, new_hint, self.join, join_hint):
            self.body.addWidget(widget)
        self.body.addSpacing(12)
        self.body.addWidget(where)
        self.finish_layout()

    def initializePage(self) -> None:  # noqa: N802
        # Once an enrollment file is stored, this folder belongs to that school.
        imported = getattr(self.wizard(), "imported", False)
        self.new_school.setEnabled(not imported)
        if imported:
            self.join.setChecked(True)

    def nextId(self) -> int:  # noqa: N802
        return JOIN_PAGE if self.join.isChecked() else SCHOOL_PAGE


class SchoolPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            translate("FirstRun", "Your school"),
            translate("FirstRun", "These details appear on every printed form."),
        )
        self.fields = SchoolFields(self)
        for attr in SchoolFields.WIDGETS:
            setattr(self, attr, getattr(self.fields, attr))
        self.name.setPlaceholderText(translate("FirstRun", "e.g. Dongfeng Township Central School"))
        self.code.setPlaceholderText(
            translate("FirstRun", "the code given by the education bureau")
        )
        form = QFormLayout()
        self.fields.add_rows(form)
        self.body.addLayout(form)
        self.finish_layout()

    def profile(self) -> SchoolProfile:
        return self.fields.profile()

    def validatePage(self) -> bool:  # noqa: N802
        try:
            self.profile().validated()  # pure checks, no database
        except UserError as e:
            self.message.show_error(e.localized(translate))
            return False
        self.message.clear_message()
        return True


class PrincipalPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            translate("FirstRun", "The principal's account"),
            translate(
                "FirstRun",
                "The principal signs in with this account and manages everyone else's.",
            ),
        )
        self.display_name = QLineEdit()
        self.username = QLineEdit()
        self.username.setPlaceholderText(translate("FirstRun", "e.g. zhangli (no spaces)"))
        self.secret = SecretFields(self)
        form = QFormLayout()
        form.addRow(translate("FirstRun", "Principal's name:"), self.display_name)
        form.addRow(translate("FirstRun", "User name:"), self.username)
        self.secret.add_rows(form)
        self.body.addLayout(form)
        self.finish_layout()

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        try:
            validate_user_fields(self.username.text(), self.display_name.text(), Role.PRINCIPAL)
        except UserError as e:
            self.message.show_error(e.localized(translate))
            return False
        problem = self.secret.problem()
        if problem:
            self.message.show_error(problem)
            return False
        self.message.clear_message()
        return True


class FirstRunWizard(QWizard):
    """Sets up or joins the school; ``actor`` is the signed-in principal once it is accepted."""

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, *, stage: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self.saving = False
        self.imported = stage in (JOIN, CLAIM)  # an enrollment file is stored here
        self.setWindowTitle(translate("FirstRun", "xiaoan — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonLayout(WITH_BACK)
        self.welcome = WelcomePage(ws)
        self.school = SchoolPage()
        self.principal = PrincipalPage()
        self.joining = JoinPage()
        self.claim = ClaimPage()
        self.joining.imported = self.imported
        self.setPage(WELCOME_PAGE, self.welcome)
        self.setPage(SCHOOL_PAGE, self.school)
        self.setPage(PRINCIPAL_PAGE, self.principal)
        self.setPage(JOIN_PAGE, self.joining)
        self.setPage(CLAIM_PAGE, self.claim)
        if stage == JOIN:
            self.setStartId(JOIN_PAGE)
        elif stage == CLAIM:
            self.joining.arrived = True
            self.setStartId(CLAIM_PAGE)
        self.rejected.connect(self.joining.stop)  # closing stops a running pass
        fit_window(self, QSize(720, 560))

    def username(self) -> str:
        """The user name of whoever finished the wizard."""
        if self.currentPage() is self.claim:
            chosen = self.claim.chosen()
            return chosen.username if chosen else ""
        return self.principal.username.text()

    def accept(self) -> None:
        """Finish: check every page, then save in the background; close only when the
        app accepted everything.

        Qt's Finish button calls ``accept()`` directly (the page check would only
        run later, in ``done()``), so every page is checked here first: a
        mistyped confirmation must never reach the database, or the only
        principal is locked out by a password nobody knows.
        """
        if self.actor is not None:
            super().accept()
            return
        if self.currentPage() is self.claim:
            self._claim()
            return
        if self.saving or not self._pages_valid():
            return
        ws, profile = self.ws, self.school.profile()
        p = self.principal
        kind, secret = p.secret.value()
        name, username = p.display_name.text(), p.username.text()
        self.saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self._message_page().message.clear_message()
        run_in_background(
            lambda: set_up_school(
                ws,
                profile,
                principal_name=name,
                username=username,
                secret_kind=kind,
                secret=secret,
            ),
            on_done=self._saved,
            on_error=self._refused,
            context=self,
            description="set up school",
        )

    def _claim(self) -> None:
        """Finish on "Who are you?": set this computer's secret for the chosen account."""
        from app.accounts.joined import claim_on_joined_pc

        if self.saving or not self.claim.validatePage():
            return
        ws, chosen = self.ws, self.claim.chosen()
        kind, secret = self.claim.secret.value()
        self.saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        run_in_background(
            lambda: claim_on_joined_pc(ws, chosen.user_id, kind, secret),
            on_done=self._saved,
            on_error=self._refused,
            context=self,
            description="claim a joined computer",
        )

    def _pages_valid(self) -> bool:
        """Run every page's own check in order; show the first page that refuses."""
        for page in (self.school, self.principal):
            if not page.validatePage():
                self._go_to(page)
                return False
        return True

    def _go_to(self, page: _Page) -> None:
        target = self.pageIds()[[self.page(i) for i in self.pageIds()].index(page)]
        while self.currentId() > target:
            self.back()
        while self.currentId() < target:
            self.next()

    def _message_page(self) -> _Page | ClaimPage:
        page = self.currentPage()
        return page if isinstance(page, (_Page, ClaimPage)) else self.principal

    def _saved(self, actor: Actor) -> None:
        self.saving = False
        self.actor = actor
        super().accept()

    def _refused(self, message: str, _error: BaseException) -> None:
        self.saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self._message_page().message.show_error(message)
