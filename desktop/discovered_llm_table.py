"""The Qt item model of GGUF files found on this computer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.table_model import AnyIndex, TableModel
from synthesis.llm.discovery import DiscoveredLlm

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


class DiscoveredLlmTableModel(TableModel[DiscoveredLlm]):
    """One row per model file; the tooltip gives its path, or why its header could not be read."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._cells: list[tuple[str, ...]] = []

    def set_models(self, models: Sequence[DiscoveredLlm]) -> None:
        self.beginResetModel()
        self._rows = list(models)
        self._cells = [_cells(m) for m in self._rows]
        self.endResetModel()

    def model_at(self, row: int) -> DiscoveredLlm:
        return self._rows[row]

    def row_of_path(self, path: str) -> int | None:
        return next((n for n, m in enumerate(self._rows) if str(m.path) == path), None)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self._row(index)
        if model is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{model.path}\n{model.error}" if model.error else str(model.path)
        if role == PATH_ROLE:
            return str(model.path)
        return None
