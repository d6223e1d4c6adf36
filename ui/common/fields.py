"""Small field helpers every form uses: dates between Python and Qt, a date picker, a text box.

Threading: UI thread.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QPlainTextEdit


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def date_edit(d: date) -> QDateEdit:
    """A date field with a calendar pop-up, in the ISO form the forms print."""
    edit = QDateEdit(qdate(d))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def text_box(placeholder: str = "", height: int = 72, *, grows: bool = False) -> QPlainTextEdit:
    """A multi-line text field where Tab moves on (as in every other field of a form).

    ``height`` is fixed, or with ``grows`` the least it takes.
    """
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    if grows:
        box.setMinimumHeight(height)
    else:
        box.setFixedHeight(height)
    return box
