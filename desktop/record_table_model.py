"""A read-only Qt table model over rows of text, each optionally carrying a database id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.table_model import AnyIndex, TableModel

ID_ROLE = Qt.ItemDataRole.UserRole


class RecordTableModel(TableModel[tuple[str, ...]]):
    """Rows of strings under fixed headers (interview list, companies, personas, ICPs)."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self._ids: list[int | None] = []

    def set_records(self, records: Sequence[tuple[str, ...]], ids: Sequence[int] | None = None) -> None:
        if ids is not None and len(ids) != len(records):
            raise ValueError("one id per record")
        self.beginResetModel()
        self._rows = [tuple(r) for r in records]
        self._ids = list(ids) if ids is not None else [None] * len(records)
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._ids[row]

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self._row(index)
        if record is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return record[index.column()]
        if role == ID_ROLE:
            return self._ids[index.row()]
        return None
