"""The persona matrix: personas as columns, the same fields as rows (a shared theme one row), copyable as a
table; a theme held by one respondent is shown in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from desktop.workspace_view import WorkspaceView
from synthesis.workspace.matrix import MatrixTable, matrix_table

AnyIndex = QModelIndex | QPersistentModelIndex
THIN_EVIDENCE = QColor("#b42318")


class PersonaMatrixModel(QAbstractTableModel):
    """Rows are fields (a shared theme its own row), columns personas; every cell is read-only text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = MatrixTable((), ())

    def set_table(self, table: MatrixTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or not self.table.personas else len(self.table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.table.personas)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.table.personas[section]
        return self.table.rows[section].heading

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        cell = self.table.rows[index.row()].cells[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell.display()
        if role == Qt.ItemDataRole.ForegroundRole and cell.single_respondent:
            return QBrush(THIN_EVIDENCE)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return None


class PersonaMatrixView(WorkspaceView):
    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(workspace, runner, parent)
        self.model = PersonaMatrixModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAccessibleName("Persona matrix")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        self.hint = QLabel("No personas yet: run synthesis to draft them, then compare them here.")
        self.copy_button = QPushButton("&Copy table")
        self.copy_button.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_button.setToolTip("Copy the matrix as a table, to paste into a spreadsheet or document")
        self.copy_button.clicked.connect(self.copy)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        for signal in (workspace.contents_changed, workspace.companies_changed):
            signal.connect(self.reload)
        workspace.personas_changed.connect(lambda _ids: self.reload())
        workspace.insights_changed.connect(lambda _ids: self.reload())  # a kind or status decides the cells

    def reload(self) -> None:
        self._load("personas.matrix", matrix_table, self._show, "build the matrix")

    def _show(self, table: MatrixTable) -> None:
        self.model.set_table(table)
        has = bool(table.personas)
        self.hint.setText(
            f"{len(table.personas)} personas compared on the same fields: each one's strongest theme with "
            "how many of its respondents hold it; a shared theme is one row; red: one respondent only."
            if has
            else "No personas yet: run synthesis to draft them, then compare them here."
        )
        self.copy_button.setEnabled(has)

    def copy(self) -> None:
        """Put the matrix on the clipboard as tab-separated text; spreadsheets and Word paste it as a table.

        Only text: a QMimeData made in Python and left on the clipboard crashes PySide at exit (6.11).
        """
        QGuiApplication.clipboard().setText(self.model.table.to_tsv())
        self.status_message.emit("Persona matrix copied as a table.")
