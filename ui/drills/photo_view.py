"""The large view of one drill photo: the ≤ 1600 px copy, fitted to the window.

Left/Right (or PageUp/PageDown) go through the drill's photos, Esc closes.
The copy is read in the background; the window never waits on a decode.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.attachments.store import PhotoRef, make_derivatives
from ui.i18n import translate
from ui.operations import run_in_background
from ui.shell.geometry import fit_window


def _large(data_dir: Path, ref: PhotoRef) -> QImage:
    return QImage(str(make_derivatives(data_dir, ref.sha256, ref.media_type).sync_copy))


class PhotoView(QDialog):
    def __init__(
        self, parent: QWidget | None, data_dir: Path, photos: list[tuple[PhotoRef, str]], row: int
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.photos = photos
        self.row = row
        self.loaded = 0  # images shown so far (tests wait on it)
        self._image = QImage()
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setMinimumSize(480, 360)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        fit_window(self, QSize(1000, 780))
        self._load()

    def _load(self) -> None:
        ref, caption = self.photos[self.row]
        self.setWindowTitle(
            translate("Drills", "Photo {n} of {total}").format(
                n=self.row + 1, total=len(self.photos)
            )
        )
        self.caption.setText(caption or ref.original_name)
        row = self.row
        run_in_background(
            lambda: _large(self.data_dir, ref),
            on_done=lambda img: self._loaded(row, img),
            context=self,
            description="large drill photo",
        )

    def _loaded(self, row: int, image: QImage) -> None:
        if row != self.row:
            return
        self._image = image
        self.loaded += 1
        self._fit()

    def _fit(self) -> None:
        if self._image.isNull():
            return
        pix = QPixmap.fromImage(self._image)
        self.picture.setPixmap(
            pix.scaled(
                self.picture.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def step(self, delta: int) -> None:
        target = self.row + delta
        if 0 <= target < len(self.photos):
            self.row = target
            self._load()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.step(-1)
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.step(1)
        else:
            super().keyPressEvent(event)
