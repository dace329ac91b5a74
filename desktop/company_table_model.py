"""The editable Qt item model of companies: firmographics and relationship; edits go through the owner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.table_model import AnyIndex, TableModel
from synthesis.workspace.companies import COMPANY_FIELDS, RELATIONSHIPS, CompanyRow

ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = (
    "Company",
    "Industry",
    "Employees",
    "Revenue",
    "Funding",
    "Tech stack",
    "Country",
    "Region",
    "Relationship",
    "Interviews",
)
INTERVIEWS = len(COMPANY_FIELDS)
RELATIONSHIP = COMPANY_FIELDS.index("relationship")


class CompanyTableModel(TableModel[CompanyRow]):
    """One row per company; an edit shows at once and asks the owner for the undoable write."""

    edit_requested = Signal(int, str, str, str)
    """(company id, field name, old text, new text)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)

    def set_rows(self, rows: list[CompanyRow]) -> None:
        self.beginResetModel()
        self._rows = [CompanyRow(r.id, dict(r.values), r.interviews) for r in rows]
        self.endResetModel()

    def company_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, company_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == company_id), None)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() != INTERVIEWS else flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == INTERVIEWS:
                return str(row.interviews)
            return row.values[COMPANY_FIELDS[index.column()]]
        if role == ID_ROLE:
            return row.id
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() == INTERVIEWS or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        name = COMPANY_FIELDS[index.column()]
        old, new = row.values[name], str(value).strip()
        if new == old:
            return False
        row.values[name] = new
        self.dataChanged.emit(index, index)
        self.edit_requested.emit(row.id, name, old, new)
        return True


class RelationshipDelegate(QStyledItemDelegate):
    """Edits the relationship column with a list of the allowed values."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _index: AnyIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(list(RELATIONSHIPS))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
