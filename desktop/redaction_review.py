"""The redaction review of an anonymised export: candidate terms with counts and examples, all redacted by
default; the consultant unticks terms to keep them and adds terms the review missed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from synthesis.report.redaction import Candidate, Decisions
from synthesis.report.terms import Term

COLUMNS = ("Redact", "Term", "Kind", "Count", "Example")
ADDABLE_KINDS = ["person", "company", "place", "name"]


class RedactionReview(QWidget):
    """A table of terms; ``decisions()`` gives what the export needs."""

    def __init__(self, candidates: Sequence[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._candidates = {c.term.key for c in candidates}
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(180)
        for candidate in candidates:
            self._append(candidate.term, candidate.count, candidate.example)
        self.new_term = QLineEdit()
        self.new_term.setPlaceholderText("A name the list missed")
        self.new_kind = QComboBox()
        self.new_kind.addItems(ADDABLE_KINDS)
        self.add_button = QPushButton("Add term")
        self.add_button.clicked.connect(self.add_term)
        self.new_term.returnPressed.connect(self.add_term)
        adding = QHBoxLayout()
        adding.addWidget(self.new_term, 1)
        adding.addWidget(self.new_kind)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(adding)
        self.table.itemChanged.connect(self._update_summary)
        self._update_summary()

    def _append(self, term: Term, count: int, example: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked)
        check.setData(Qt.ItemDataRole.UserRole, term)
        self.table.setItem(row, 0, check)
        count_item = QTableWidgetItem()
        count_item.setData(Qt.ItemDataRole.DisplayRole, count)
        for column, item in enumerate(
            (QTableWidgetItem(term.text), QTableWidgetItem(term.kind), count_item, QTableWidgetItem(example)),
            start=1,
        ):
            self.table.setItem(row, column, item)

    def _update_summary(self) -> None:
        terms = self.table.rowCount()
        kept = len(self.decisions().keep)
        self.summary.setText(
            f"{terms} terms found; {terms - kept} will be redacted. Untick a term to keep it as written."
        )

    def add_term(self) -> None:
        text = " ".join(self.new_term.text().split())
        if len(text) < 2:
            return
        term = Term(text, self.new_kind.currentText())
        existing = self._row_of(term.key)
        if existing is None:
            self._append(term, 0, "added by you")
        else:
            self.table.item(existing, 0).setCheckState(Qt.CheckState.Checked)
        self.new_term.clear()
        self._update_summary()

    def _row_of(self, key: str) -> int | None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole).key == key:
                return row
        return None

    def decisions(self) -> Decisions:
        keep: set[str] = set()
        added: list[Term] = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is None:
                continue
            term: Term = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() != Qt.CheckState.Checked:
                keep.add(term.key)
            elif term.key not in self._candidates:
                added.append(term)
        return Decisions(frozenset(keep), tuple(added))
