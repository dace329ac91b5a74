"""A read-only Qt table model over rows of text, each optionally carrying a database id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole


class RecordTableModel(QAbstractTableModel):
    """Rows of strings under fixed headers (interview list, companies, personas, ICPs)."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._records: list[tuple[str, ...]] = []
        self._ids: list[int | None] = []

    def set_records(self, records: Sequence[tuple[str, ...]], ids: Sequence[int] | None = None) -> None:
        if ids is not None and len(ids) != len(records):
            raise ValueError("one id per record")
        self.beginResetModel()
        self._records = [tuple(r) for r in records]
        self._ids = list(ids) if ids is not None else [None] * len(records)
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._ids[row]

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._records[index.row()][index.column()]
        if role == ID_ROLE:
            return self._ids[index.row()]
        return None
