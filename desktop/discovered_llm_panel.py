"""The models found on this computer: the table with fit, context chosen and speed, and a recommendation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.discovered_llm_table import DiscoveredLlmTableModel
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.hardware import Hardware

MIN_TABLE_ROWS, MAX_TABLE_ROWS = 3, 12
"""The models table is as tall as its rows, within these bounds."""


class DiscoveredLlmPanel(QWidget):
    """Shows what it is given; the Models view finds the files, measures this computer and the speeds."""

    rescan_requested = Signal()
    measure_requested = Signal(object)
    """Measure speed was clicked: the Path of the selected model file."""
    model_chosen = Signal(object)
    """The user selected a row: its DiscoveredLlm."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_model = DiscoveredLlmTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Models found on this computer")
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.rescan_button = QPushButton("&Rescan")
        self.rescan_button.clicked.connect(self.rescan_requested)
        self.measure_button = QPushButton("Measure s&peed")
        self.measure_button.setToolTip("Time a short generation of the selected model on this computer.")
        self.measure_button.setEnabled(False)
        self.measure_button.clicked.connect(self._measure_clicked)
        self.scan_label = QLabel("Looking for GGUF model files…")
        self.recommendation_label = QLabel("")
        self.recommendation_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>GGUF models found on this computer</b>"))
        top.addWidget(self.scan_label, 1)
        top.addWidget(self.measure_button)
        top.addWidget(self.rescan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.recommendation_label)

    def show_models(self, models: Sequence[DiscoveredLlm], speeds: Mapping[str, float], chosen: str) -> None:
        """Show ``models`` (``speeds``: path -> tokens/s measured before); select the ``chosen`` path."""
        self.table_model.set_models(models, speeds)
        rows = min(max(len(models), MIN_TABLE_ROWS), MAX_TABLE_ROWS)
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        self.scan_label.setText(f"{len(models)} found" if models else "none found: choose a file or a server")
        self._show_recommendation()
        row = self.table_model.row_of_path(chosen)
        if row is not None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self._enable_measure(row)

    def set_hardware(self, hardware: Hardware) -> None:
        self.table_model.set_hardware(hardware)
        self._show_recommendation()

    def set_speed(self, path: str, tokens_per_second: float) -> None:
        self.table_model.set_speed(path, tokens_per_second)
        self._show_recommendation()

    def _show_recommendation(self) -> None:
        self.recommendation_label.setText(self.table_model.recommendation())

    def _enable_measure(self, row: int) -> None:
        self.measure_button.setEnabled(row >= 0 and self.table_model.model_at(row).info is not None)

    def _row_chosen(self, current, _previous) -> None:
        self._enable_measure(current.row() if current.isValid() else -1)
        if current.isValid():
            self.model_chosen.emit(self.table_model.model_at(current.row()))

    def _measure_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.measure_requested.emit(Path(self.table_model.model_at(row).path))
