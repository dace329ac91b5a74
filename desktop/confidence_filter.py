"""A minimum-confidence control for a review filter (self-contained: a label and a spin box)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QWidget


class ConfidenceFilter(QWidget):
    """Show only rows at or above a confidence between 0 and 1 (0: every row)."""

    changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(0.0, 1.0)
        self.spin.setSingleStep(0.05)
        self.spin.setDecimals(2)
        self.spin.setSpecialValueText("Any")
        self.spin.setAccessibleName("Minimum confidence")
        self.spin.setToolTip("Show only insights at or above this confidence")
        self.spin.valueChanged.connect(self.changed)
        label = QLabel("Min &confidence")
        label.setBuddy(self.spin)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.spin)

    def value(self) -> float:
        return self.spin.value()

    def set_value(self, value: float) -> None:
        self.spin.setValue(value)
