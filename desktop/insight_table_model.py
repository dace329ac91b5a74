"""The Qt item model of insights across interviews, and its filter proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor

from desktop.kinds import HIGHLIGHT_TEXT, highlight_colour, kind_label
from desktop.table_model import AnyIndex, TableModel
from synthesis.workspace.insights import InsightRow

ROW_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Kind", "Status", "Statement", "Evidence", "Interview", "Confidence")
KIND, STATUS, STATEMENT, EVIDENCE, INTERVIEW, CONFIDENCE = range(len(COLUMNS))


class InsightTableModel(TableModel[InsightRow]):
    """One row per insight; editing the statement asks for an undoable edit instead of writing itself."""

    edit_requested = Signal(int, str)
    """(insight id, new statement): the owner pushes the undo command that writes it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._row_of: dict[int, int] = {}

    def set_rows(self, rows: list[InsightRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.id: n for n, row in enumerate(self._rows)}
        self.endResetModel()

    def update_rows(self, rows: list[InsightRow]) -> None:
        """Replace the rows with these ids in place (rows not shown are ignored); one ``dataChanged`` over
        the span they cover, so a filter proxy takes them in or out in one pass."""
        numbers = []
        for row in rows:
            number = self._row_of.get(row.id)
            if number is not None:
                self._rows[number] = row
                numbers.append(number)
        if numbers:
            self.dataChanged.emit(self.index(min(numbers), 0), self.index(max(numbers), len(COLUMNS) - 1))

    def insight_at(self, row: int) -> InsightRow:
        return self._rows[row]

    def row_of(self, insight_id: int) -> int | None:
        return self._row_of.get(insight_id)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == STATEMENT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (STATEMENT, EVIDENCE):
            return row.statement if column == STATEMENT else row.quote
        if role == Qt.ItemDataRole.BackgroundRole and column == KIND:
            return QColor(highlight_colour(row.kind, row.status))
        if role == Qt.ItemDataRole.ForegroundRole and column == KIND:
            return QColor(HIGHLIGHT_TEXT)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return row.confidence if column == CONFIDENCE else _display(row, column).casefold()
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != STATEMENT or role != Qt.ItemDataRole.EditRole:
            return False
        statement = str(value).strip()
        row = self._rows[index.row()]
        if not statement or statement == row.statement:
            return False
        self.edit_requested.emit(row.id, statement)
        return True


def _display(row: InsightRow, column: int) -> str:
    if column == KIND:
        return kind_label(row.kind)
    if column == STATUS:
        return row.status
    if column == STATEMENT:
        return row.statement
    if column == EVIDENCE:
        return f"“{row.quote}”" if row.quote else ""
    if column == INTERVIEW:
        return row.interview_title
    return f"{row.confidence:.2f}"


class InsightFilterProxy(QSortFilterProxyModel):
    """Filters by kind, status, interview, persona (0: in no persona), minimum confidence and free text
    (statement, quote or interview title). Pinned rows are shown whatever the filters, until they change."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filters: tuple[Any, ...] = ()
        self._kind = ""
        self._status = ""
        self._interview_id: int | None = None
        self._persona_id: int | None = None
        self._text = ""
        self._min_confidence = 0.0
        self._pinned: set[int] = set()
        self.setSortRole(SORT_ROLE)

    def pin(self, insight_id: int) -> None:
        """Keep this row in view until the filters change (a row being edited)."""
        self._pinned.add(insight_id)

    def set_filters(
        self,
        *,
        kind: str = "",
        status: str = "",
        interview_id: int | None = None,
        persona_id: int | None = None,
        text: str = "",
        min_confidence: float = 0.0,
    ) -> None:
        filters = (kind, status, interview_id, persona_id, text.strip().casefold(), min_confidence)
        self.beginFilterChange()
        if filters != self._filters:
            self._pinned.clear()
        self._filters = filters
        self._kind, self._status, self._interview_id, self._persona_id, self._text = filters[:5]
        self._min_confidence = min_confidence
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, InsightTableModel) or source_parent.isValid():
            return False
        row = model.insight_at(source_row)
        if row.id in self._pinned:
            return True
        if row.confidence < self._min_confidence - 1e-9:
            return False
        if self._kind and row.kind != self._kind:
            return False
        if self._status and row.status != self._status:
            return False
        if self._interview_id is not None and row.interview_id != self._interview_id:
            return False
        if self._persona_id == 0 and row.persona_ids:
            return False
        if self._persona_id and self._persona_id not in row.persona_ids:
            return False
        if self._text:
            haystack = f"{row.statement}\n{row.quote}\n{row.interview_title}".casefold()
            return self._text in haystack
        return True
