"""First run on a joined PC, once the school's records are here: "Who are you?"

:class:`ClaimPage` lists the received accounts that may claim this computer
(:func:`app.accounts.joined.claim_choices`: the principal) and takes this
computer's password or PIN with the same checks as the new school's principal
page; the wizard's Finish then calls
:func:`app.accounts.joined.claim_on_joined_pc`. Threading: UI thread; the list
is read through :mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWizardPage

from app.accounts.joined import ClaimChoice, claim_choices
from app.accounts.roles import ROLE_LABELS
from ui.common.message_label import MessageLabel
from ui.common.secret_fields import SecretFields
from ui.i18n import translate
from ui.operations import run_in_background


class ClaimPage(QWizardPage):
    """ "Who are you?": the principal's own account and this computer's password or PIN."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("FirstRun", "Who are you?"))
        self.setSubTitle(
            translate(
                "FirstRun",
                "Choose your own account and set the password or PIN you will use on this "
                "computer.",
            )
        )
        self.choices: list[ClaimChoice] = []
        self.loaded = False
        self.account = QComboBox()
        self.secret = SecretFields(self)
        body = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(translate("FirstRun", "I am:"), self.account)
        self.secret.add_rows(form)
        body.addLayout(form)
        hint = QLabel(
            translate(
                "FirstRun",
                "Passwords and PINs never leave the computer they were set on, so everyone "
                "needs one here too. The principal signs in first and then sets the others' "
                "on the Staff and logins page, as on the first computer.",
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        body.addWidget(hint)
        body.addStretch(1)
        self.message = MessageLabel()
        body.addWidget(self.message)

    def nextId(self) -> int:  # noqa: N802
        return -1

    def initializePage(self) -> None:  # noqa: N802
        ws = self.wizard().ws
        self.loaded = False
        run_in_background(
            lambda: claim_choices(ws),
            on_done=self._loaded,
            on_error=lambda message, _e: self.message.show_error(message),
            context=self,
            description="join: accounts that may claim this computer",
        )

    def _loaded(self, choices: list[ClaimChoice]) -> None:
        self.choices = choices
        self.account.clear()
        for c in choices:
            role = translate("app", ROLE_LABELS.get(c.role, c.role))
            self.account.addItem(f"{c.display_name} ({c.username}) — {role}", c.user_id)
        self.loaded = True
        self.secret.secret.setFocus()

    def chosen(self) -> ClaimChoice | None:
        index = self.account.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def validatePage(self) -> bool:  # noqa: N802
        if self.chosen() is None:
            self.message.show_error(translate("FirstRun", "Choose your account."))
            return False
        problem = self.secret.problem()
        if problem:
            self.message.show_error(problem)
            return False
        self.message.clear_message()
        return True
