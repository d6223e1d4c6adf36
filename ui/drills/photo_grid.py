"""The drill editor's photo grid: many photos at once, thumbnails as they are ready.

Importing a folder from a camera card adds a placeholder tile per file at
once, in order; each file is then added to the store, its thumbnail and sync
copy made, and its thumbnail decoded, in its own background job, so tiles
fill in one by one while the window stays responsive. A file that is not a
readable photo loses its tile and is named in :attr:`PhotoGrid.refused`.

Captions are the tiles' text: F2 (or a double-click on the text) edits one.
Enter or Space opens the large view; Delete removes a photo from the drill
(it stays in the store); Ctrl+Left/Right moves it.

Threading: UI thread. Jobs run on the app's one thread pool (so quitting
waits for them before the database closes); they only touch files and the
store and return a ``QImage`` (safe off the UI thread), never a widget or a
``QPixmap``. Hashing, decoding and resizing release the GIL, so two jobs
use both cores.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QListView,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.attachments.store import SUFFIXES, PhotoRef, make_derivatives
from app.drills.photos import expand, import_one
from ui.common.photo_strip import TakesDroppedFiles
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import Operation

ICON = QSize(168, 126)
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2


def _placeholder(text_color: str = "#dfe3e8") -> QIcon:
    pix = QPixmap(ICON)
    pix.fill(QColor(text_color))
    return QIcon(pix)


def _import_and_thumbnail(ws, actor, path: Path) -> tuple[PhotoRef, QImage]:
    ref = import_one(ws, actor, path)
    return ref, _thumbnail_image(ws.data_dir, ref)


def _thumbnail_image(data_dir: Path, ref: PhotoRef) -> QImage:
    made = make_derivatives(data_dir, ref.sha256, ref.media_type)
    image = QImage(str(made.thumbnail))
    return image.scaled(
        ICON, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class PhotoGrid(TakesDroppedFiles, QListWidget):
    """Captioned photos of one drill, in order. ``editable`` grids take files, folders, drops."""

    # Imports running at once: two use both cores of a small PC. They are
    # queued here rather than all on the pool, so the app's other reads (a
    # page, the large view) wait for one import at most, not for thirty.
    MAX_IMPORTS = 2

    changed = Signal()  # photos added, removed, moved or captioned
    import_finished = Signal()  # every file of every import so far has been dealt with
    open_photo = Signal(int)  # row to show large

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = False
        self.thumbnails = 0  # thumbnails shown so far; tests and benchmarks wait on it
        self.pending = 0  # files still being imported
        self.refused: list[tuple[str, str]] = []  # (file name, message) of this import
        self._generation = 0
        self._queue: deque[tuple[int, QListWidgetItem, Path]] = deque()
        self._running = 0
        self._placeholder = _placeholder()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setIconSize(ICON)
        self.setGridSize(QSize(ICON.width() + 16, ICON.height() + 40))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setAcceptDrops(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setMinimumHeight(ICON.height() + 60)
        self.itemChanged.connect(lambda _i: self.changed.emit())
        self.itemActivated.connect(lambda item: self.open_photo.emit(self.row(item)))

    # -- showing -----------------------------------------------------------------

    def set_photos(self, photos: Iterable[tuple[PhotoRef, str]]) -> None:
        """Show stored photos with their captions (thumbnails load in the background)."""
        self._generation += 1
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        data_dir, gen = self.ctx.workspace.data_dir, self._generation
        for ref, caption in photos:
            item = self._tile(ref.original_name, caption)
            self._fill(item, ref)
            Operation(
                lambda ref=ref: _thumbnail_image(data_dir, ref),
                on_done=lambda img, item=item, gen=gen: self._show(gen, item, img),
                on_error=lambda _m, _e: None,  # the placeholder stays; the original is kept
                context=self,
                description="drill photo thumbnail",
            ).start()

    def _tile(self, name: str, caption: str) -> QListWidgetItem:
        item = QListWidgetItem(self._placeholder, caption)
        item.setToolTip(name)
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.blockSignals(True)
        self.addItem(item)
        self.blockSignals(False)
        return item

    def _fill(self, item: QListWidgetItem, ref: PhotoRef) -> None:
        self.blockSignals(True)
        item.setData(PHOTO_ID_ROLE, str(ref.id))
        item.setData(REF_ROLE, ref)
        item.setToolTip(f"{ref.original_name} ({ref.width}×{ref.height})")
        self.blockSignals(False)

    def _show(self, generation: int, item: QListWidgetItem, image: QImage) -> None:
        if generation != self._generation or image.isNull():
            return
        self.blockSignals(True)
        item.setIcon(QIcon(QPixmap.fromImage(image)))
        self.blockSignals(False)
        self.thumbnails += 1

    def entries(self) -> list[tuple[uuid.UUID, str]]:
        """(photo id, caption) of every imported tile, in order."""
        out = []
        for i in range(self.count()):
            value = self.item(i).data(PHOTO_ID_ROLE)
            if value:
                out.append((uuid.UUID(value), self.item(i).text().strip()))
        return out

    def refs(self) -> list[tuple[PhotoRef, str]]:
        out = []
        for i in range(self.count()):
            ref = self.item(i).data(REF_ROLE)
            if ref is not None:
                out.append((ref, self.item(i).text().strip()))
        return out

    # -- adding ------------------------------------------------------------------

    def choose_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(
            self,
            translate("Drills", "Add photos"),
            "",
            translate("Drills", "Photos ({patterns})").format(patterns=patterns),
        )
        if files:
            self.import_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("Drills", "Add a folder of photos (e.g. a camera card)")
        )
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: Iterable[str | Path]) -> None:
        """Import files and folders; tiles appear now and fill in as each file is done."""
        paths = list(paths)
        if self.pending == 0:
            self.refused = []
        self.pending += 1  # the listing itself
        Operation(
            lambda: expand(paths),
            on_done=self._listed,
            on_error=self._listing_failed,
            context=self,
            description="list photos",
        ).start()

    def _listed(self, files: list[Path]) -> None:
        self.pending -= 1
        for path in files:
            self._queue.append((self._generation, self._tile(path.name, ""), path))
            self.pending += 1
        self._pump()
        self._maybe_finished()

    def _pump(self) -> None:
        """Start queued imports, at most :attr:`MAX_IMPORTS` at a time."""
        ws, actor = self.ctx.workspace, self.ctx.actor
        while self._queue and self._running < self.MAX_IMPORTS:
            gen, item, path = self._queue.popleft()
            self._running += 1
            Operation(
                lambda path=path: _import_and_thumbnail(ws, actor, path),
                on_done=lambda result, item=item, gen=gen: self._imported(gen, item, result),
                on_error=lambda msg, _e, item=item, name=path.name, gen=gen: self._refused(
                    gen, item, name, msg
                ),
                context=self,
                description="import drill photo",
            ).start()

    def _listing_failed(self, message: str, _error: BaseException) -> None:
        self.pending -= 1
        self.refused.append(("", message))
        self._maybe_finished()

    def _imported(self, generation: int, item: QListWidgetItem, result) -> None:
        self.pending -= 1
        self._running -= 1
        self._pump()
        ref, image = result
        if generation == self._generation:
            duplicate = any(
                self.item(i) is not item and self.item(i).data(PHOTO_ID_ROLE) == str(ref.id)
                for i in range(self.count())
            )
            if duplicate:  # the same picture is already in this drill
                self.takeItem(self.row(item))
            else:
                self._fill(item, ref)
                self._show(generation, item, image)
                self.changed.emit()
        self._maybe_finished()

    def _refused(self, generation: int, item: QListWidgetItem, name: str, message: str) -> None:
        self.pending -= 1
        self._running -= 1
        self._pump()
        if generation == self._generation and self.row(item) >= 0:
            self.takeItem(self.row(item))
        self.refused.append((name, message))
        self._maybe_finished()

    def _maybe_finished(self) -> None:
        if self.pending == 0:
            self.import_finished.emit()

    # -- editing -----------------------------------------------------------------

    def remove_current(self) -> None:
        row = self.currentRow()
        if self.editable and row >= 0 and self.item(row).data(PHOTO_ID_ROLE):
            self.takeItem(row)
            self.changed.emit()

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if not self.editable or row < 0 or not 0 <= target < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Delete:
            self.remove_current()
            return
        if mods & Qt.KeyboardModifier.ControlModifier and key in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
        ):
            self.move_current(-1 if key == Qt.Key.Key_Left else 1)
            return
        if key == Qt.Key.Key_Space and self.currentRow() >= 0:
            self.open_photo.emit(self.currentRow())
            return
        super().keyPressEvent(event)

    # -- drag and drop -------------------------------------------------------------

    def dropped_paths(self, paths: list[str]) -> None:
        self.import_paths(paths)
