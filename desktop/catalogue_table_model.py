"""The Qt item model of the model catalogue: one row per downloadable model, with how it fits this machine."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from synthesis.llm.catalogue import CatalogueEntry
from synthesis.llm.download import describe_bytes
from synthesis.llm.fit import Fit

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("Model", "Size", "Licence", "Context", "Fits this computer", "Downloaded")
FIT_COLUMN = 4
VERDICT_COLOURS = {"fits": "#1b7a1b", "tight": "#9a6700", "too big": "#b00020", "no disk space": "#b00020"}


class CatalogueTableModel(QAbstractTableModel):
    """Catalogue entries with their fit (None until the hardware is known) and whether they are on disk."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[CatalogueEntry, Fit | None, bool]] = []

    def set_rows(self, rows: Sequence[tuple[CatalogueEntry, Fit | None, bool]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> tuple[CatalogueEntry, Fit | None, bool]:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry, fit, downloaded = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(index.column(), entry, fit, downloaded)
        if role == Qt.ItemDataRole.ToolTipRole:
            return fit.describe() if fit else entry.chat_template
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == FIT_COLUMN and fit is not None:
            return QColor(VERDICT_COLOURS[fit.verdict])
        return None

    @staticmethod
    def _cell(column: int, entry: CatalogueEntry, fit: Fit | None, downloaded: bool) -> str:
        if column == 0:
            return entry.display_name
        if column == 1:
            return describe_bytes(entry.size_bytes)
        if column == 2:
            return entry.licence
        if column == 3:
            return f"{fit.context.n_ctx:,}" if fit else f"{entry.recommended_context:,}"
        if column == FIT_COLUMN:
            return fit.verdict if fit else "checking…"
        return "yes" if downloaded else ""
