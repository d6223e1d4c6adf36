"""设置: language, data folder, the school's details, backups, own password or PIN, version.

The page only composes its groups; the bigger ones live beside it:
backups and restoring (:mod:`ui.settings.backups`), the school's details
(:mod:`ui.settings.profile_dialog`), the version (:mod:`ui.settings.about`).

Threading: UI thread. Database work runs through :mod:`ui.operations`; the
preferences file is tiny and written in place.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.accounts.service import change_own_secret, own_secret_kind
from app.preferences import load_preferences, save_preferences
from app.school.service import SchoolProfile
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.common.secret_fields import SecretFields
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background
from ui.settings.about import AboutBox
from ui.settings.backups import BackupsBox
from ui.settings.keys_box import KeysBox
from ui.shell.idle_settings import IdleLockBox

# Language names are shown in their own language, never translated.
LANGUAGE_CHOICES = (("zh_CN", "中文（简体）"), ("en", "English"))


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

        body = QWidget()
        column = QVBoxLayout(body)
        title = QLabel(translate("Settings", "Settings"))
        title.setObjectName("pageTitle")
        column.addWidget(title)
        column.addWidget(self._language_box())
        column.addWidget(IdleLockBox(ctx))  # minutes without input before the screen locks
        column.addWidget(self._data_box())
        column.addWidget(self._school_box())
        column.addWidget(self._backup_box())
        column.addWidget(KeysBox(ctx))  # where the sync keys are; the signing key's state
        bottom = QHBoxLayout()  # short entries side by side rather than stretched wide
        bottom.addWidget(self._secret_box(), 3)
        bottom.addWidget(self._about_box(), 2)
        column.addLayout(bottom)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.live = LiveRefresh(self, ctx, self.backups.reload, on_show=False,
                                actions=("backup.",), areas=("backup",))  # fmt: skip

    # -- language ----------------------------------------------------------------

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "Language"))
        self.language = QComboBox()
        for code, name in LANGUAGE_CHOICES:
            self.language.addItem(name, code)
        current = load_preferences().language
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_note = QLabel(
            translate("Settings", "A new language applies the next time xiaoan starts.")
        )
        self.language_note.setObjectName("hint")
        row = QHBoxLayout(box)
        row.addWidget(QLabel(translate("Settings", "Language of the program:")))
        row.addWidget(self.language)
        row.addWidget(self.language_note, 1)
        return box

    def _language_chosen(self) -> None:
        prefs = load_preferences()
        prefs.language = self.language.currentData()
        save_preferences(prefs)
        self.language_note.setText(
            translate("Settings", "Saved. The new language applies the next time xiaoan starts.")
        )

    # -- data folder ---------------------------------------------------------------

    def _data_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "Data folder"))
        path = QLineEdit(str(self.ctx.workspace.data_dir))
        path.setReadOnly(True)
        self.open_folder_button = QPushButton(translate("Settings", "Open folder"))
        self.open_folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.workspace.data_dir)))
        )
        row = QHBoxLayout(box)
        row.addWidget(path, 1)
        row.addWidget(self.open_folder_button)
        return box

    # -- the school's details --------------------------------------------------------

    def _school_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "School"))
        self.school_label = QLabel()
        self.school_label.setWordWrap(True)
        self.profile_button = QPushButton(translate("Settings", "Edit school details…"))
        self.profile_button.clicked.connect(self.edit_profile)
        if not allowed(self.ctx.actor, Permission.EDIT_SCHOOL_PROFILE):
            self.profile_button.setEnabled(False)
            self.profile_button.setToolTip(
                translate("Settings", "Only the principal can edit the school's details.")
            )
        row = QHBoxLayout(box)
        row.addWidget(self.school_label, 1)
        row.addWidget(self.profile_button)
        self._show_school(self.ctx.school)
        return box

    def _show_school(self, school: SchoolProfile) -> None:
        self.school_label.setText(
            translate("Settings", "{name} (school code {code})").format(
                name=school.name, code=school.code
            )
        )

    def edit_profile(self) -> None:
        from ui.settings.profile_dialog import SchoolProfileDialog

        self.profile_dialog = SchoolProfileDialog(self.ctx, self)
        self.profile_dialog.accepted.connect(self._profile_saved)
        self.profile_dialog.open()

    def _profile_saved(self) -> None:
        saved = self.profile_dialog.saved
        if saved is None:
            return
        self.ctx.school = saved
        self._show_school(saved)
        self.ctx.events.changed.emit("school")  # the window title, status bar and 工作台

    # -- backups -------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        self.backups = BackupsBox(self.ctx)
        self.backups.backed_up.connect(lambda _path: self.ctx.events.changed.emit("backup"))
        return self.backups

    @property
    def loads(self) -> int:
        """Completed loads of the backups list; tests and screenshots wait on it."""
        return self.backups.loads

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.backups.reload()

    # -- own password or PIN ---------------------------------------------------------

    def _secret_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "My password or PIN"))
        form = QFormLayout(box)
        self.current_secret = QLineEdit()
        self.current_secret.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("Settings", "Current password or PIN:"), self.current_secret)
        self.new_secret = SecretFields(self)
        self.new_secret.add_rows(form, new_label=translate("Settings", "New password or PIN:"))
        self.secret_kind_loaded = False  # tests wait on it
        ws, actor = self.ctx.workspace, self.ctx.actor
        run_in_background(
            lambda: own_secret_kind(ws, actor),
            on_done=self._own_kind,
            on_error=lambda _msg, _e: None,  # the password default stays
            context=self,
            description="settings: own secret kind",
        )
        self.secret_button = QPushButton(translate("Settings", "Change"))
        self.secret_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.secret_button.clicked.connect(self.change_secret)
        self.secret_message = MessageLabel()
        row = QHBoxLayout()
        row.addWidget(self.secret_button)
        row.addWidget(self.secret_message, 1)
        form.addRow(row)
        return box

    def _own_kind(self, kind: str | None) -> None:
        """A PIN user changes to a new PIN unless they choose otherwise."""
        if kind and not self.new_secret.secret.text():
            self.new_secret.kind.setCurrentIndex(self.new_secret.kind.findData(kind))
        self.secret_kind_loaded = True

    def change_secret(self) -> None:
        problem = self.new_secret.problem()
        if problem:
            self.secret_message.show_error(problem)
            return
        kind, secret = self.new_secret.value()
        current = self.current_secret.text()
        ws, actor = self.ctx.workspace, self.ctx.actor
        self.secret_button.setEnabled(False)
        run_in_background(
            lambda: change_own_secret(ws, actor, current=current, secret_kind=kind, secret=secret),
            on_done=self._secret_changed,
            on_error=self._secret_failed,
            context=self,
            description="change own secret",
        )

    def _secret_changed(self, _result) -> None:
        self.secret_button.setEnabled(True)
        self.current_secret.clear()
        self.new_secret.clear()
        self.secret_message.show_notice(
            translate("Settings", "Changed. Use the new one the next time you sign in.")
        )

    def _secret_failed(self, message: str, _error: BaseException) -> None:
        self.secret_button.setEnabled(True)
        self.secret_message.show_error(message)

    # -- about -----------------------------------------------------------------------

    def _about_box(self) -> QGroupBox:
        self.about = AboutBox(self.ctx)
        return self.about
