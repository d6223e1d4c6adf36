"""Look and feel: Fusion, a CJK-capable font, a few page styles (UI thread, at start)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# Preferred UI fonts with Chinese glyphs, per platform; Qt takes the first it has.
# On Linux fontconfig also falls back to any installed CJK font for missing glyphs.
CJK_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]

STYLE_SHEET = """
QLabel#pageTitle { font-size: 17pt; font-weight: 600; padding: 4px 0 6px 0; }
QLabel#loginSchool { font-size: 16pt; font-weight: 600; }
QLabel#hint { color: #5f6368; }
QListWidget#navigation { font-size: 11pt; border: none; background: #eef2f6; padding-top: 8px; }
QListWidget#navigation::item { padding-left: 14px; border-radius: 4px; }
QListWidget#navigation::item:selected { background: #1f5fa8; color: white; }
QGroupBox { font-weight: 600; margin-top: 12px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QGroupBox QLabel, QGroupBox QCheckBox { font-weight: normal; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setFamilies([*CJK_FAMILIES, app.font().family()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
