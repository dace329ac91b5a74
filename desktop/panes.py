"""Small layout builders the views share: a column of widgets without margins, and a named splitter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

Item = QWidget | tuple[QWidget, int]
"""A widget, or (widget, stretch factor)."""


def fill(owner: QWidget, *items: Item) -> QVBoxLayout:
    """Give ``owner`` a margin-less vertical layout holding ``items`` top to bottom."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        child, stretch = item if isinstance(item, tuple) else (item, 0)
        layout.addWidget(child, stretch)
    return layout


def column(*items: Item) -> QWidget:
    """A new widget holding ``items`` top to bottom, without margins."""
    widget = QWidget()
    fill(widget, *items)
    return widget


def splitter(
    name: str,
    panes: Sequence[QWidget],
    *,
    stretch: Sequence[int] = (),
    sizes: Sequence[int] = (),
    orientation: Qt.Orientation = Qt.Orientation.Horizontal,
) -> QSplitter:
    """A splitter of ``panes``; its object name keys the sizes saved between sessions."""
    result = QSplitter(orientation)
    result.setObjectName(name)
    for pane in panes:
        result.addWidget(pane)
    for index, factor in enumerate(stretch):
        result.setStretchFactor(index, factor)
    if sizes:
        result.setSizes(list(sizes))
    return result
