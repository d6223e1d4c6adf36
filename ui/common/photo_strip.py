"""A row of photo thumbnails that can take more photos: files, a folder, or dropped.

Adding runs :func:`app.attachments.store.add_photos` in the background (it
hashes and copies every file), then each photo's thumbnail and sync copy are
made by :func:`~app.attachments.store.make_derivatives` in its own
background job, so thumbnails appear one by one while the UI stays
responsive, even for a folder of thirty photos.

Threading: UI thread. Workers only touch files and return a ``QImage``
(which, unlike a ``QPixmap``, may be made off the UI thread).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QListView, QListWidget, QListWidgetItem, QWidget

from app.attachments.store import SUFFIXES, PhotoRef, add_photos, make_derivatives, photos_in_folder
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background

ICON = QSize(96, 72)
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def local_paths(mime: QMimeData) -> list[str]:
    """Local files and folders in a drag (anything else is ignored)."""
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


class TakesDroppedFiles:
    """Mixin for an editable view that takes local files and folders dropped on it.

    The class sets ``editable`` and implements :meth:`dropped_paths`; other
    drags (text, web links) and drops on a read-only view are refused.
    """

    editable: bool

    def dropped_paths(self, paths: list[str]) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.editable and local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent  # noqa: N815 - Qt API

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = local_paths(event.mimeData())
        if self.editable and paths:
            event.acceptProposedAction()
            self.dropped_paths(paths)
        else:
            event.ignore()


def expand(paths: Iterable[str]) -> list[Path]:
    """Folders become the pictures directly in them; other files are kept (worker-safe)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += photos_in_folder(p) if p.is_dir() else [p]
    return out


def _thumbnail(data_dir: Path, ref: PhotoRef) -> QImage:
    made = make_derivatives(data_dir, ref.sha256, ref.media_type)
    return QImage(str(made.thumbnail))


def _placeholder() -> QIcon:
    pix = QPixmap(ICON)
    pix.fill(QColor("#dfe3e8"))
    return QIcon(pix)


class PhotoStrip(TakesDroppedFiles, QListWidget):
    """Thumbnails of some photos; ``editable`` strips take files, folders and drops."""

    # The PhotoRefs just added to the store (in order) and the caller's tag. The
    # strip does not show them itself: the owner knows where they belong now.
    imported = Signal(list, object)
    import_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = False
        self.thumbnails = 0  # thumbnails shown so far; tests and screenshots wait on it
        self.importing = 0  # imports under way
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(ICON)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setFixedHeight(ICON.height() + 44)
        self.setAcceptDrops(True)
        self._generation = 0
        self._placeholder = _placeholder()

    # -- showing -----------------------------------------------------------------

    def set_photos(self, refs: Iterable[PhotoRef]) -> None:
        self._generation += 1
        self.clear()
        self.add_refs(refs)

    def add_refs(self, refs: Iterable[PhotoRef]) -> None:
        data_dir, gen = self.ctx.workspace.data_dir, self._generation
        for ref in refs:
            item = QListWidgetItem(self._placeholder, ref.original_name[:16])
            item.setData(PHOTO_ID_ROLE, str(ref.id))
            item.setToolTip(f"{ref.original_name} ({ref.width}×{ref.height})")
            self.addItem(item)
            run_in_background(
                lambda ref=ref: _thumbnail(data_dir, ref),
                on_done=lambda img, item=item, gen=gen: self._show(gen, item, img),
                on_error=lambda _m, _e: None,  # the original stays; the placeholder says so
                context=self,
                description="photo thumbnail",
            )

    def _show(self, generation: int, item: QListWidgetItem, image: QImage) -> None:
        if generation != self._generation or image.isNull():
            return
        scaled = image.scaled(ICON, Qt.AspectRatioMode.KeepAspectRatio)
        item.setIcon(QIcon(QPixmap.fromImage(scaled)))
        self.thumbnails += 1

    def photo_ids(self) -> list[str]:
        return [self.item(i).data(PHOTO_ID_ROLE) for i in range(self.count())]

    # -- adding ------------------------------------------------------------------

    def choose_files(self, tag: object = None) -> None:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(
            self,
            translate("Photos", "Add photos"),
            "",
            translate("Photos", "Photos ({patterns})").format(patterns=patterns),
        )
        if files:
            self.import_paths(files, tag)

    def choose_folder(self, tag: object = None) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("Photos", "Add a folder of photos")
        )
        if folder:
            self.import_paths([folder], tag)

    def import_paths(self, paths: Iterable[str], tag: object = None) -> None:
        """Add files and folders to the store in the background; :attr:`imported` follows."""
        ws, actor, paths = self.ctx.workspace, self.ctx.actor, list(paths)
        self.importing += 1
        run_in_background(
            lambda: add_photos(ws, actor, expand(paths)),
            on_done=lambda refs: self._imported(refs, tag),
            on_error=self._failed,
            context=self,
            description="add photos",
        )

    def _imported(self, refs: list[PhotoRef], tag: object) -> None:
        self.importing -= 1
        self.imported.emit(refs, tag)

    def _failed(self, message: str, _error: BaseException) -> None:
        self.importing -= 1
        self.import_failed.emit(message)

    # -- drag and drop -------------------------------------------------------------

    def drop_tag(self) -> object:
        """The tag for photos dropped on the strip; owners may override."""
        return None

    def dropped_paths(self, paths: list[str]) -> None:
        self.import_paths(paths, self.drop_tag())
