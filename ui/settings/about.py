"""Settings → About: the version people read, the technical details for support.

People read "校安 0.1.0（数据版本 9）". The schema revision's own name and
the Python and Qt versions are in the tooltip and in "Copy details for
support", which puts them on the clipboard as plain text to paste into a
message. Threading: UI thread (nothing here reads the database).
"""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.about import app_version, data_version, schema_revision, support_details
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.i18n import translate


def version_text() -> str:
    return translate("Settings", "xiaoan {version} (data version {data})").format(
        version=app_version(), data=data_version()
    )


class AboutBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("Settings", "About xiaoan"), parent)
        self.ctx = ctx
        self.version = QLabel(version_text())
        self.version.setToolTip(
            translate("Settings", "Schema revision {revision}").format(revision=schema_revision())
        )
        self.copy_button = QPushButton(translate("Settings", "Copy details for support"))
        self.copy_button.clicked.connect(self.copy_details)
        self.message = MessageLabel()
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.message, 1)
        form = QFormLayout(self)
        form.addRow(translate("Settings", "Version:"), self.version)
        form.addRow(row)

    def details(self) -> str:
        lines = [
            *support_details(),
            f"Qt {qVersion()}, PySide6 {pyside_version}",
            f"data folder {self.ctx.workspace.data_dir}",
        ]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details())
        self.message.show_notice(translate("Settings", "Copied."))
