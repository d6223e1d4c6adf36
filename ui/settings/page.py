"""设置: language, data folder, backups, own password or PIN, version.

Threading: UI thread. Backups and the password change run through
:mod:`ui.operations`; the preferences file is tiny and written in place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.about import app_version, schema_revision
from app.accounts.roles import Permission, allowed
from app.accounts.service import change_own_secret
from app.backup.service import backup_now, list_backups
from app.preferences import load_preferences, save_preferences
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.common.secret_fields import SecretFields
from ui.context import AppContext
from ui.i18n import role_label, translate
from ui.operations import run_in_background
from ui.settings.backups_model import BackupsModel

# Language names are shown in their own language, never translated.
LANGUAGE_CHOICES = (("zh_CN", "中文（简体）"), ("en", "English"))


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loads = 0  # completed backup-list loads; tests wait on it
        self.last_backup_path: Path | None = None

        body = QWidget()
        column = QVBoxLayout(body)
        title = QLabel(translate("Settings", "Settings"))
        title.setObjectName("pageTitle")
        column.addWidget(title)
        column.addWidget(self._language_box())
        column.addWidget(self._data_box())
        column.addWidget(self._backup_box())
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
        self.live = LiveRefresh(self, ctx, self.reload_backups, on_show=False,
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

    # -- backups -------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "Backups"))
        self.backup_button = QPushButton(translate("Settings", "Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.backup_message = MessageLabel()
        actor = self.ctx.actor
        self.backup_reason = QLabel()
        self.backup_reason.setObjectName("hint")
        self.backup_reason.setWordWrap(True)
        if not allowed(actor, Permission.BACKUP):
            self.backup_button.setEnabled(False)
            self.backup_reason.setText(
                translate(
                    "Settings",
                    "Your role ({role}) may not make backups by hand. "
                    "The daily automatic backup still runs.",
                ).format(role=role_label(actor.role))
            )
        else:
            self.backup_reason.setText(
                translate(
                    "Settings",
                    "A backup is also made automatically once a day. The newest 14 are kept.",
                )
            )
        self.backups_model = BackupsModel(self)
        self.backups = QTableView()
        self.backups.setModel(self.backups_model)
        self.backups.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backups.verticalHeader().hide()
        self.backups.setMinimumHeight(160)
        hh = self.backups.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.backup_button)
        top.addWidget(self.backup_reason, 1)
        col = QVBoxLayout(box)
        col.addLayout(top)
        col.addWidget(self.backup_message)
        col.addWidget(self.backups)
        return box

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.reload_backups()

    def reload_backups(self) -> None:
        ws = self.ctx.workspace
        run_in_background(
            lambda: list_backups(ws),
            on_done=self._backups_loaded,
            on_error=lambda msg, _e: self.backup_message.show_error(msg),
            context=self,
            description="list backups",
        )

    def _backups_loaded(self, backups) -> None:
        self.backups_model.set_backups(backups)
        self.loads += 1

    def back_up_now(self) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        self.backup_button.setEnabled(False)
        self.backup_message.clear_message()
        run_in_background(
            lambda: backup_now(ws, actor),
            on_done=self._backed_up,
            on_error=self._backup_failed,
            context=self,
            description="backup now",
        )

    def _backed_up(self, path: Path) -> None:
        self.last_backup_path = path
        self.backup_button.setEnabled(True)
        self.backup_message.show_notice(
            translate("Settings", "Backup saved: {file}").format(file=path.name)
        )
        self.ctx.events.changed.emit("backup")
        self.reload_backups()

    def _backup_failed(self, message: str, _error: BaseException) -> None:
        self.backup_button.setEnabled(allowed(self.ctx.actor, Permission.BACKUP))
        self.backup_message.show_error(message)

    # -- own password or PIN ---------------------------------------------------------

    def _secret_box(self) -> QGroupBox:
        box = QGroupBox(translate("Settings", "My password or PIN"))
        form = QFormLayout(box)
        self.current_secret = QLineEdit()
        self.current_secret.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("Settings", "Current password or PIN:"), self.current_secret)
        self.new_secret = SecretFields(self)
        self.new_secret.add_rows(form, new_label=translate("Settings", "New password or PIN:"))
        self.secret_button = QPushButton(translate("Settings", "Change"))
        self.secret_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.secret_button.clicked.connect(self.change_secret)
        self.secret_message = MessageLabel()
        row = QHBoxLayout()
        row.addWidget(self.secret_button)
        row.addWidget(self.secret_message, 1)
        form.addRow(row)
        return box

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
        box = QGroupBox(translate("Settings", "About xiaoan"))
        form = QFormLayout(box)
        form.addRow(translate("Settings", "Version:"), QLabel(app_version()))
        form.addRow(translate("Settings", "Data schema revision:"), QLabel(schema_revision()))
        return box
