"""The first screen: create or open a workspace, or reopen a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from synthesis import __version__


class StartPage(QWidget):
    """New, open, the sample workspace, and the recent workspaces (Enter or double-click opens one)."""

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("Groundwork")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            "Turn customer interviews into evidence-backed ICPs and buyer personas.\n"
            "A workspace is one file per client engagement."
        )
        intro.setWordWrap(True)
        self.new_button = QPushButton("&New workspace…")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("&Open workspace…")
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button = QPushButton("Open the &sample workspace")
        self.sample_button.setToolTip(
            "Eight fictional B2B discovery interviews, already extracted and drafted into personas"
        )
        self.sample_button.clicked.connect(self.sample_requested)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent workspaces")
        self.recent.itemActivated.connect(
            lambda item: self.recent_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        self._recent_label = QLabel("&Recent workspaces")
        self._recent_label.setBuddy(self.recent)
        version = QLabel(f"Version {__version__}")
        version.setEnabled(False)

        column = QWidget()
        column.setMinimumWidth(480)
        column.setMaximumWidth(640)
        layout = QVBoxLayout(column)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addWidget(self.new_button)
        layout.addWidget(self.open_button)
        layout.addWidget(self.sample_button)
        layout.addSpacing(12)
        layout.addWidget(self._recent_label)
        layout.addWidget(self.recent, 1)
        layout.addWidget(version)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addWidget(column, 1, Qt.AlignmentFlag.AlignHCenter)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not paths:
            self.recent.addItem(QListWidgetItem("No recent workspaces yet."))
            self.recent.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.recent.setCurrentRow(0)
