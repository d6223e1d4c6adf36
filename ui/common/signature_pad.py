"""A pad to sign on with a mouse, a pen or a finger.

The pad records strokes as :mod:`app.signatures` expects them — a list of
strokes, each a list of ``(x, y, t)`` points in pad pixels, ``t`` in
milliseconds since the first touch — and renders them to a PNG with a
transparent background for printed forms. Forms call :meth:`strokes` and
:meth:`to_png` and pass both to their service, which validates them.

Keyboard: the pad takes focus; Delete or Backspace clears it. The strokes
themselves need a pointer, as a pen on paper does.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.i18n import translate

Point = tuple[float, float, int]
INK = QColor("#14213d")


def strokes_path(strokes: list[list[Point]] | tuple, scale: float = 1.0) -> QPainterPath:
    path = QPainterPath()
    for stroke in strokes:
        if not stroke:
            continue
        x, y, _t = stroke[0]
        path.moveTo(x * scale, y * scale)
        if len(stroke) == 1:  # a dot
            path.lineTo(x * scale + 0.5, y * scale + 0.5)
        for x, y, _t in stroke[1:]:
            path.lineTo(x * scale, y * scale)
    return path


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, placeholder: str | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[Point]] = []
        self._t0: float | None = None
        self._drawing = False
        self._placeholder = placeholder or translate("SignaturePad", "Sign here")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(QSize(320, 140))
        self.setAccessibleName(translate("SignaturePad", "Signature pad"))
        self.setToolTip(translate("SignaturePad", "Sign with the mouse or a pen. Delete clears."))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(480, 160)

    # -- data ----------------------------------------------------------------

    def strokes(self) -> list[list[Point]]:
        return [list(s) for s in self._strokes if s]

    def set_strokes(self, strokes) -> None:
        """Show saved strokes (read-only display is the caller's choice: ``setEnabled(False)``)."""
        self._strokes = [[(float(x), float(y), int(t)) for x, y, t in s] for s in strokes]
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return sum(len(s) for s in self._strokes) < 2

    def clear(self) -> None:
        self._strokes = []
        self._t0 = None
        self.update()
        self.changed.emit()

    def to_png(self, width: int = 480, height: int = 160) -> bytes:
        """The strokes drawn black-blue on transparent, scaled to fit ``width`` × ``height``."""
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        scale = min(width / max(1, self.width()), height / max(1, self.height()))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen(max(1.5, 2.5 * scale)))
        painter.drawPath(strokes_path(self._strokes, scale))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())

    # -- input ---------------------------------------------------------------

    def _stamp(self) -> int:
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        return int((now - self._t0) * 1000)

    def _begin(self, pos: QPointF) -> None:
        if not self.isEnabled():
            return
        self._drawing = True
        self._strokes.append([(round(pos.x(), 1), round(pos.y(), 1), self._stamp())])
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if not self._drawing:
            return
        x = min(max(pos.x(), 0.0), float(self.width()))
        y = min(max(pos.y(), 0.0), float(self.height()))
        self._strokes[-1].append((round(x, 1), round(y, 1), self._stamp()))
        self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.isEnabled():
            self.clear()
            return
        super().keyPressEvent(event)

    # -- painting ------------------------------------------------------------

    @staticmethod
    def _pen(width: float) -> QPen:
        pen = QPen(INK, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(rect, QColor("#ffffff") if self.isEnabled() else QColor("#f4f4f4"))
        frame = QPen(self.palette().highlight().color() if self.hasFocus() else QColor("#9aa0a6"))
        frame.setWidthF(2.0 if self.hasFocus() else 1.0)
        painter.setPen(frame)
        painter.drawRect(rect)
        base = self.height() - 28
        painter.setPen(QPen(QColor("#c8ccd0"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(16, base, self.width() - 16, base)
        if not self._strokes:
            painter.setPen(QColor("#9aa0a6"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._placeholder)
        painter.setPen(self._pen(2.5))
        painter.drawPath(strokes_path(self._strokes))
        painter.end()
