"""The Qt item model of GGUF files found on this computer, with how each fits it and its measured speed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.catalogue_table_model import VERDICT_COLOURS
from desktop.table_model import AnyIndex, TableModel
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.fit import Fit, fit_model, recommend
from synthesis.llm.hardware import Hardware

PATH_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (
    "Model", "Source", "Architecture", "Parameters", "Quantisation", "Context", "Size",
    "Fit", "Context chosen", "Speed",
)  # fmt: skip
FIT_COLUMN, CHOSEN_COLUMN, SPEED_COLUMN = 7, 8, 9


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
    """One row per model file; the tooltip gives its path, or why its header could not be read.

    Fit and the context chosen appear once the hardware is known (``set_hardware``), the speed once measured.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._cells: list[tuple[str, ...]] = []
        self._fits: list[Fit | None] = []
        self._hardware: Hardware | None = None
        self._speeds: dict[str, float] = {}

    def set_models(self, models: Sequence[DiscoveredLlm], speeds: Mapping[str, float] | None = None) -> None:
        """Show ``models``; ``speeds`` maps a path to the tokens/s measured earlier."""
        self.beginResetModel()
        self._rows = list(models)
        self._cells = [_cells(m) for m in self._rows]
        self._speeds = dict(speeds or {})
        self._fits = self._fit_rows()
        self.endResetModel()

    def set_hardware(self, hardware: Hardware) -> None:
        """This computer is known: work out how each model fits it."""
        self._hardware = hardware
        self._fits = self._fit_rows()
        self._changed(FIT_COLUMN, CHOSEN_COLUMN)

    def set_speed(self, path: str, tokens_per_second: float) -> None:
        self._speeds[path] = tokens_per_second
        self._changed(SPEED_COLUMN, SPEED_COLUMN)

    def _fit_rows(self) -> list[Fit | None]:
        hardware = self._hardware
        return [fit_model(m, hardware) if hardware else None for m in self._rows]

    def _changed(self, first: int, last: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last))

    def model_at(self, row: int) -> DiscoveredLlm:
        return self._rows[row]

    def fit_at(self, row: int) -> Fit | None:
        return self._fits[row]

    def row_of_path(self, path: str) -> int | None:
        return next((n for n, m in enumerate(self._rows) if str(m.path) == path), None)

    def recommendation(self) -> str:
        """Which of these models to use on this computer (empty until the hardware is known)."""
        if self._hardware is None:
            return ""
        return recommend(list(zip(self._rows, self._fits, strict=True)), self._speeds)

    def _fit_cell(self, row: int, column: int) -> str:
        fit, model = self._fits[row], self._rows[row]
        if column == SPEED_COLUMN:
            speed = self._speeds.get(str(model.path))
            return f"{speed:.1f} tokens/s" if speed is not None else ""
        if fit is None:
            waiting = column == FIT_COLUMN and self._hardware is None and model.info is not None
            return "checking…" if waiting else ""
        return fit.verdict if column == FIT_COLUMN else f"{fit.context.n_ctx:,}"

    def _tooltip(self, row: int, column: int) -> str:
        model, fit = self._rows[row], self._fits[row]
        if column in (FIT_COLUMN, CHOSEN_COLUMN) and fit is not None:
            return fit.describe() if column == FIT_COLUMN else f"Context: {fit.context.reason}"
        if column == SPEED_COLUMN:
            return "Measured tokens/s of a short generation; select the model and click Measure speed."
        return f"{model.path}\n{model.error}" if model.error else str(model.path)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self._row(index)
        if model is None:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column] if column < FIT_COLUMN else self._fit_cell(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == PATH_ROLE:
            return str(model.path)
        fit = self._fits[row]
        if role == Qt.ItemDataRole.ForegroundRole and column == FIT_COLUMN and fit is not None:
            return QColor(VERDICT_COLOURS[fit.verdict])
        return None
