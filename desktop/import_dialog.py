"""The per-file result list of an import: imported, skipped as duplicate, or failed with the reason."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from synthesis.importer import FileResult, Outcome

OUTCOME_LABELS = {
    Outcome.IMPORTED: "Imported",
    Outcome.DUPLICATE: "Skipped (duplicate)",
    Outcome.FAILED: "Failed",
}


def import_summary(results: list[FileResult]) -> str:
    counts = Counter(result.outcome for result in results)
    return (
        f"{counts[Outcome.IMPORTED]} imported, {counts[Outcome.DUPLICATE]} skipped as duplicates, "
        f"{counts[Outcome.FAILED]} failed."
    )


class ImportResultDialog(QDialog):
    """One row per file; activating an imported file opens its interview (to check speaker roles)."""

    open_interview = Signal(int)

    def __init__(self, results: list[FileResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import results")
        self.results = results
        self.table = QTableWidget(len(results), 3)
        self.table.setHorizontalHeaderLabels(["File", "Result", "Details"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, result in enumerate(results):
            details = result.message
            if result.warnings:
                details += "\n" + "\n".join(result.warnings)
            cells = (result.path.name, OUTCOME_LABELS[result.outcome], details)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(result.path) if column == 0 else text)
                item.setData(Qt.ItemDataRole.UserRole, result.interview_id)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.itemActivated.connect(self._activated)
        hint = QLabel("Open an imported file (double-click or Enter) to check its speaker roles.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(import_summary(results)))
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def _activated(self, item: QTableWidgetItem) -> None:
        interview_id = item.data(Qt.ItemDataRole.UserRole)
        if interview_id is not None:
            self.open_interview.emit(interview_id)
            self.accept()
