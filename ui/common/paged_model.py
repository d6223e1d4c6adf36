"""A table model that reads its rows a page at a time from an ``app/`` service.

The view asks for more rows as it scrolls (``canFetchMore``/``fetchMore``);
each page is read through :mod:`ui.operations`, so the UI thread never waits
on the database. Rows are the service's frozen dataclasses and are kept in a
row cache. :meth:`PagedTableModel.set_source` starts over (new filters);
pages that arrive for an older source are dropped.

Threading: UI thread only; the ``fetch`` callable runs in a worker and must
not touch Qt objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from ui.common.list_model import Index, ListTableModel
from ui.operations import run_in_background

Fetch = Callable[[int, int], list[Any]]


class PagedTableModel(ListTableModel):
    """Subclasses give ``COLUMNS`` (English, translated in ``CONTEXT``) and :meth:`cell`."""

    CONTEXT = "Table"
    PAGE = 100

    page_loaded = Signal()  # after each page (also an empty one) has been added
    load_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._fetch: Fetch | None = None
        self._more = False
        self._loading = False
        self._generation = 0
        self.pages = 0  # pages delivered since the last set_source; tests wait on it

    # -- source ------------------------------------------------------------------

    def set_source(self, fetch: Fetch) -> None:
        """Forget every row and read the first page from ``fetch(offset, limit)``."""
        self.beginResetModel()
        self._rows = []
        self._fetch = fetch
        self._more = True
        self._loading = False
        self._generation += 1
        self.pages = 0
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        if self._fetch is not None:
            self.set_source(self._fetch)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        self._loading = True
        fetch, offset, limit, gen = self._fetch, len(self._rows), self.PAGE, self._generation
        run_in_background(
            lambda: fetch(offset, limit),
            on_done=lambda rows: self._arrived(gen, rows),
            on_error=lambda msg, _e: self._failed(gen, msg),
            context=self,  # type: ignore[arg-type]  # any QObject: skipped once deleted
            description=f"{type(self).__name__} page at {offset}",
        )

    def _arrived(self, generation: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._more = len(rows) >= self.PAGE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.pages += 1
        self.page_loaded.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._more = False
        self.pages += 1
        self.load_failed.emit(message)

    # -- rows --------------------------------------------------------------------

    def row_of(self, key: Callable[[Any], bool]) -> int:
        for i, r in enumerate(self._rows):
            if key(r):
                return i
        return -1

    def rows(self) -> list[Any]:
        return list(self._rows)

    # -- Qt model ------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError
