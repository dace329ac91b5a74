"""Highlight colours of insight kinds and their legend.

These are the only hard-coded colours of the app: pale backgrounds always drawn with dark text, so a
highlight reads the same on light and dark palettes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from synthesis.workspace.insights import InsightKind

HIGHLIGHT_TEXT = "#1a1a1a"
KIND_COLOURS: dict[str, str] = {
    InsightKind.ROLE: "#cfe3ff",
    InsightKind.COMPANY: "#ded6f7",
    InsightKind.GOAL: "#c8efcf",
    InsightKind.PAIN: "#ffd1cc",
    InsightKind.ASPIRATION: "#fff0b0",
    InsightKind.BUYING: "#ffdab5",
}
REJECTED_COLOUR = "#e4e4e4"


def highlight_colour(kind: str, status: str = "suggested") -> str:
    return REJECTED_COLOUR if status == "rejected" else KIND_COLOURS.get(kind, REJECTED_COLOUR)


def kind_label(kind: str) -> str:
    return kind.capitalize()


class KindLegend(QWidget):
    """One swatch per insight kind, in the order of ``InsightKind``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for kind in InsightKind:
            swatch = QLabel(kind_label(kind))
            swatch.setStyleSheet(
                f"background-color: {KIND_COLOURS[kind]}; color: {HIGHLIGHT_TEXT}; "
                "padding: 1px 5px; border-radius: 3px;"
            )
            swatch.setAccessibleName(f"{kind_label(kind)} highlight colour")
            layout.addWidget(swatch)
        layout.addStretch(1)
