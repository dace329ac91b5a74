"""The navigation list of the workspace's views, with counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from synthesis.workspace.counts import NavCounts

SECTIONS = ("interviews", "insights", "companies", "personas", "matrix", "icps", "models")
LABELS = {
    "interviews": "Interviews",
    "insights": "Insights",
    "companies": "Companies",
    "personas": "Personas",
    "matrix": "Persona matrix",
    "icps": "ICPs",
    "models": "Models",
}


class NavigationList(QListWidget):
    """One row per section, labelled with its count (where it has one); the current row picks the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sections")
        for section in SECTIONS:
            item = QListWidgetItem(LABELS[section])
            item.setData(Qt.ItemDataRole.UserRole, section)
            self.addItem(item)
        self.setCurrentRow(0)
        self.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)

    def set_counts(self, counts: NavCounts) -> None:
        for row, section in enumerate(SECTIONS):
            count = getattr(counts, section, None)
            self.item(row).setText(LABELS[section] if count is None else f"{LABELS[section]}  ({count})")

    def section(self) -> str:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else SECTIONS[0]

    def select_section(self, section: str) -> None:
        self.setCurrentRow(SECTIONS.index(section))
