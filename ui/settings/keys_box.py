"""Settings → Keys: where this PC's sync keys and the data's key are, and whether the
person's signing key is unlocked.

Where the sync keys are is asked in the background (a keyring may answer
slowly); the answer is a visible note: the system keyring by name, or the
key folder (readable only by this user) when no keyring works here.

Threading: UI thread; the look-up runs through :mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel

from app.data_key import key_place as data_key_place
from app.signing.session_keys import is_unlocked
from app.sync.keys import KeyPlace, key_place
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background


class KeysBox(QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(translate("Settings", "Keys"))
        self.ctx = ctx
        self.place: KeyPlace | None = None  # once known; tests wait on it
        self.sync_note = self._note(translate("Settings", "Looking…"))
        self.signing_note = self._note(self._signing_text())
        self.data_note = self._note(translate("Settings", "Looking…"))
        self.data_place: KeyPlace | None = None
        form = QFormLayout(self)
        form.addRow(translate("Settings", "Sync keys:"), self.sync_note)
        form.addRow(translate("Settings", "Data key:"), self.data_note)
        form.addRow(translate("Settings", "My signing key:"), self.signing_note)
        ws = ctx.workspace
        run_in_background(
            lambda: key_place(ws.device_id),
            on_done=self._placed,
            on_error=lambda message, _e: self.sync_note.setText(message),
            context=self,
            description="where the sync keys are",
        )
        run_in_background(
            lambda: data_key_place(ws.data_dir),
            on_done=self._data_placed,
            on_error=lambda message, _e: self.data_note.setText(message),
            context=self,
            description="where the data's key is",
        )

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _signing_text(self) -> str:
        if is_unlocked(self.ctx.actor.user_id):
            return translate(
                "Settings",
                "Unlocked while you are signed in: the forms you print are signed in your name. "
                "It is kept in this computer's data, encrypted with your password or PIN.",
            )
        return translate(
            "Settings",
            "Not unlocked: the forms you print come out as paper prints without a digital "
            "signature, to be signed by hand.",
        )

    def _placed(self, place: KeyPlace) -> None:
        self.place = place
        path = str(place.path)
        if place.kind == "keyring":
            text = translate("Settings", "In the system keyring ({keyring}).").format(
                keyring=place.keyring
            )
        elif place.kind == "file":
            text = translate(
                "Settings",
                "In the folder {path}, readable only by you (there was no working system "
                "keyring when they were made).",
            ).format(path=path)
        elif place.keyring:
            text = translate(
                "Settings",
                "None yet. They are made when this computer is enrolled with the bureau and "
                "kept in the system keyring ({keyring}).",
            ).format(keyring=place.keyring)
        else:
            text = translate(
                "Settings",
                "None yet. They are made when this computer is enrolled with the bureau and kept "
                "in the folder {path}, readable only by you: this computer has no working "
                "system keyring.",
            ).format(path=path)
        self.sync_note.setText(text)

    def _data_placed(self, place: KeyPlace) -> None:
        self.data_place = place
        if place.kind == "keyring":
            where = translate("Settings", "In the system keyring ({keyring}).").format(
                keyring=place.keyring
            )
        else:
            where = translate("Settings", "In the folder {path}, readable only by you.").format(
                path=str(place.path)
            )
        self.data_note.setText(
            where
            + " "
            + translate(
                "Settings",
                "The data and its backups are encrypted with it. For a new computer the "
                "principal keeps the school's recovery code (xiaoan key-show).",
            )
        )
