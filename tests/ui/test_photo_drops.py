"""Dropping files on a photo strip: an editable strip imports them, a read-only one refuses."""

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.app.inspection_helpers import jpeg
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.common.photo_strip import PhotoStrip


def drop(widget, paths) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)  # what Qt calls when files are dropped on the view
    return event


def test_an_editable_strip_imports_dropped_photos_and_a_read_only_one_refuses(
    qtbot, workspace, tmp_path
):
    strip = PhotoStrip(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(strip)
    strip.show()
    picture = jpeg(tmp_path / "gate.jpg")

    refused = drop(strip, [picture])
    assert not refused.isAccepted()

    strip.editable = True
    with qtbot.waitSignal(strip.imported, timeout=10_000) as got:
        drop(strip, [picture])
    refs, _tag = got.args
    assert len(refs) == 1
    wait_idle(qtbot)
