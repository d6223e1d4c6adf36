"""The signature pad: drawing with the mouse, clearing by keyboard, a PNG for forms."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from app.signatures.service import validate_strokes
from ui.common.signature_pad import SignaturePad


def draw(qtbot, pad, points):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for p in points[1:]:
        qtbot.mouseMove(pad, QPoint(*p))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_drawn_strokes_are_valid_signature_data_and_render(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(480, 160)
    pad.show()
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, [(40, 100), (80, 60), (120, 110), (160, 50)])
    assert not pad.is_empty()
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) >= 2
    assert validate_strokes(strokes)  # the service accepts what the pad records
    image = QImage.fromData(pad.to_png())
    assert (image.width(), image.height()) == (480, 160)
    inked = sum(
        1 for x in range(0, 480, 2) for y in range(0, 160, 2) if image.pixelColor(x, y).alpha() > 0
    )
    assert inked > 20  # the line is there; the background is transparent elsewhere
    assert image.pixelColor(470, 5).alpha() == 0


def test_delete_clears_and_a_disabled_pad_ignores_ink(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 150)
    pad.show()
    draw(qtbot, pad, [(20, 20), (60, 60)])
    pad.setFocus()
    qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()
    pad.setEnabled(False)
    draw(qtbot, pad, [(20, 20), (60, 60)])
    assert pad.is_empty()
