"""The search box over the workspace's full-text index; choosing a hit jumps to its turn."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from synthesis.workspace.search import MATCH_END, MATCH_START, SearchHit, search_turns

DEBOUNCE_MS = 250


class SearchPanel(QWidget):
    """A line edit (searches as you type) and the list of matching turns."""

    hit_chosen = Signal(int, int)
    """(interview id, turn id)."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self.box = QLineEdit()
        self.box.setPlaceholderText("Search transcripts (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search transcripts")
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(1)
        self.results.setAccessibleName("Search results")
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.summary = QLabel()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._return_pressed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addStretch(0)
        self._show([])
        self.summary.hide()

    def search_now(self) -> None:
        self._timer.stop()
        query = self.box.text()
        if not query.strip():
            self._show([])
            self.summary.hide()
            return
        self._runner.run(
            "search",
            lambda progress, cancel: self._workspace.read(lambda s: search_turns(s, query)),
            on_success=self._show,
            on_failure=lambda message: self.summary.setText(f"Search failed: {message}"),
        )

    def _return_pressed(self) -> None:
        self.search_now()
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)

    def _show(self, hits: list[SearchHit]) -> None:
        self.results.clear()
        for hit in hits:
            snippet = hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "")
            item = QListWidgetItem(f"{hit.interview_title} · {hit.speaker}\n{snippet}")
            item.setData(Qt.ItemDataRole.UserRole, (hit.interview_id, hit.turn_id))
            self.results.addItem(item)
        self.results.setVisible(bool(hits))
        self.summary.setText(f"{len(hits)} matching turn{'s' if len(hits) != 1 else ''}")
        self.summary.setVisible(bool(self.box.text().strip()))

    def _activated(self, item: QListWidgetItem) -> None:
        interview_id, turn_id = item.data(Qt.ItemDataRole.UserRole)
        self.hit_chosen.emit(interview_id, turn_id)
