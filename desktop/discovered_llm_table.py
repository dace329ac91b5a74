"""The Qt item model of GGUF files found on this computer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from synthesis.llm.discovery import DiscoveredLlm

AnyIndex = QModelIndex | QPersistentModelIndex
PATH_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Model", "Source", "Architecture", "Parameters", "Quantisation", "Context", "Size")


def _parameters(model: DiscoveredLlm) -> str:
    info = model.info
    if info is None:
        return ""
    if info.size_label:
        return info.size_label
    count = info.parameter_count
    return f"{count / 1e9:.1f}B" if count >= 1e9 else f"{count / 1e6:.0f}M" if count else ""


def _cells(model: DiscoveredLlm) -> tuple[str, ...]:
    info = model.info
    return (
        model.display_name,
        model.source,
        (info.architecture or "") if info else "unreadable",
        _parameters(model),
        (info.quantisation or "") if info else "",
        f"{info.context_length:,}" if info and info.context_length else "",
        f"{model.size_bytes / 2**30:.2f} GB"
        if model.size_bytes >= 2**30
        else f"{model.size_bytes / 2**20:.0f} MB",
    )


class DiscoveredLlmTableModel(QAbstractTableModel):
    """One row per model file; the tooltip gives its path, or why its header could not be read."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._models: list[DiscoveredLlm] = []
        self._cells: list[tuple[str, ...]] = []

    def set_models(self, models: Sequence[DiscoveredLlm]) -> None:
        self.beginResetModel()
        self._models = list(models)
        self._cells = [_cells(m) for m in self._models]
        self.endResetModel()

    def model_at(self, row: int) -> DiscoveredLlm:
        return self._models[row]

    def row_of_path(self, path: str) -> int | None:
        return next((n for n, m in enumerate(self._models) if str(m.path) == path), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._models)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._models):
            return None
        model = self._models[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{model.path}\n{model.error}" if model.error else str(model.path)
        if role == PATH_ROLE:
            return str(model.path)
        return None
