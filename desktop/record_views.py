"""Read-only tables of companies, personas and ICPs (their editors come with the synthesis features)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget
from sqlmodel import Session

from desktop.record_table_model import RecordTableModel
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace

RecordQuery = Callable[[Session], list[tuple[str, ...]]]


class RecordTableView(QWidget):
    """A sortable table filled in the background by ``query``, with a hint shown when it is empty."""

    status_message = Signal(str)

    def __init__(
        self,
        key: str,
        headers: Sequence[str],
        query: RecordQuery,
        empty_hint: str,
        workspace: Workspace,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._key = key
        self._query = query
        self._workspace = workspace
        self._runner = runner
        self.model = RecordTableModel(headers, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel(empty_hint)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        workspace.contents_changed.connect(self.reload)
        workspace.interview_changed.connect(self.reload)

    def reload(self) -> None:
        self._runner.run(
            self._key,
            lambda progress, cancel: self._workspace.read(self._query),
            on_success=self._show,
            on_failure=lambda message: self.status_message.emit(f"Could not load the table: {message}"),
        )

    def _show(self, rows: list[tuple[str, ...]]) -> None:
        self.model.set_records(rows)
        self.hint.setVisible(not rows)
