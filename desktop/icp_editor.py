"""ICP editor: name, description and 3-4 criteria with inline errors; the fit of every company with
per-criterion explanations; which characteristics go with success, and suggested criteria."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.icp_table_models import SORT_ROLE, FitTableModel, SuccessTableModel
from desktop.panes import column, fill, splitter
from desktop.record_actions import RecordActions
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from desktop.workspace_view import WorkspaceView
from synthesis.icp.criteria import Criterion, CriterionError, CriterionKind, parse_criterion
from synthesis.icp.store import MAX_CRITERIA, IcpError, create_icp, update_icp
from synthesis.workspace.icps import IcpDraft, IcpEvidence, icp_evidence

PLACEHOLDERS = {
    CriterionKind.INDUSTRY: "software, saas",
    CriterionKind.EMPLOYEES: "100-1000",
    CriterionKind.REVENUE: "$10M-$50M",
    CriterionKind.FUNDING: "series b, series c",
    CriterionKind.TECH_STACK: "Salesforce, HubSpot",
    CriterionKind.GEOGRAPHY: "North America, Europe",
}


class CriterionRow:
    """An attribute choice, its value text and the parse error under it."""

    def __init__(self, number: int) -> None:
        self.attribute = QComboBox()
        self.attribute.addItem("(none)", "")
        for kind in CriterionKind:
            self.attribute.addItem(kind.value.replace("_", " ").capitalize(), kind.value)
        self.attribute.setAccessibleName(f"Criterion {number} attribute")
        self.value = QLineEdit()
        self.value.setAccessibleName(f"Criterion {number} value")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.attribute.currentIndexChanged.connect(self._attribute_changed)
        self.value.textChanged.connect(lambda _text: self.check())

    def set(self, attribute: str, value: str) -> None:
        self.attribute.setCurrentIndex(max(self.attribute.findData(attribute), 0))
        self.value.setText(value)
        self.check()

    def _attribute_changed(self) -> None:
        kind = self.attribute.currentData()
        self.value.setPlaceholderText(f"e.g. {PLACEHOLDERS[CriterionKind(kind)]}" if kind else "")
        self.check()

    def criterion(self) -> Criterion | None:
        """The parsed criterion, None when the row is empty; raises CriterionError."""
        kind, text = self.attribute.currentData(), self.value.text().strip()
        if not kind and not text:
            return None
        if not kind:
            raise CriterionError("choose an attribute for this value.")
        if not text:
            raise CriterionError(f"give a value, e.g. {PLACEHOLDERS[CriterionKind(kind)]}.")
        return parse_criterion(f"{kind}:{text}")

    def check(self) -> bool:
        """Show the row's error inline; True when it is empty or valid."""
        try:
            self.criterion()
        except CriterionError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        return True


class IcpEditor(WorkspaceView):
    def __init__(
        self, workspace: Workspace, runner: TaskRunner, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, runner, parent)
        self._undo_stack = undo_stack
        self.evidence = IcpEvidence((), (), (), ())
        self.current_id: int | None = None

        left = self._build_list()
        form_box = self._build_form()
        suggest_box = self._build_suggestions()
        self._build_tabs()
        top = splitter("", [left, form_box, suggest_box], stretch=(1, 4, 2), sizes=(180, 620, 300))
        self.splitter = splitter(
            "icp_splitter", [top, self.tabs], stretch=(0, 1), orientation=Qt.Orientation.Vertical
        )
        fill(self, self.splitter)
        for signal in (workspace.contents_changed, workspace.companies_changed, workspace.interview_changed):
            signal.connect(self.reload)

    def _build_list(self) -> QWidget:
        self.icp_list = QListWidget()
        self.icp_list.setAccessibleName("ICPs")
        self.icp_list.currentItemChanged.connect(self._icp_chosen)
        self.new_button = QPushButton("&New ICP")
        self.new_button.clicked.connect(self.new_icp)
        self.record_actions = RecordActions(
            self.icp_list, self._workspace, self._undo_stack, "icp", self._current_named
        )
        return column((self.icp_list, 1), self.new_button)

    def _build_form(self) -> QGroupBox:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Mid-market B2B software")
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("Who they are, in one sentence")
        grid = QGridLayout()
        grid.addWidget(QLabel("&Name"), 0, 0)
        grid.itemAtPosition(0, 0).widget().setBuddy(self.name_edit)
        grid.addWidget(self.name_edit, 0, 1, 1, 2)
        grid.addWidget(QLabel("&Description"), 1, 0)
        grid.itemAtPosition(1, 0).widget().setBuddy(self.description_edit)
        grid.addWidget(self.description_edit, 1, 1, 1, 2)
        self.criteria = [CriterionRow(n + 1) for n in range(MAX_CRITERIA)]
        for n, row in enumerate(self.criteria):
            grid.addWidget(QLabel(f"Criterion {n + 1}"), 2 + 2 * n, 0)
            grid.addWidget(row.attribute, 2 + 2 * n, 1)
            grid.addWidget(row.value, 2 + 2 * n, 2)
            grid.addWidget(row.error, 3 + 2 * n, 1, 1, 2)
        grid.setColumnStretch(2, 1)
        self.save_button = QPushButton("&Save ICP")
        self.save_button.clicked.connect(self.save)
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #c0392b;")
        save_row = QHBoxLayout()
        save_row.addWidget(self.form_error, 1)
        save_row.addWidget(self.save_button)
        form_box = QGroupBox("ICP")
        form_layout = QVBoxLayout(form_box)
        form_layout.addLayout(grid)
        form_layout.addLayout(save_row)
        form_layout.addStretch(1)
        return form_box

    def _build_suggestions(self) -> QGroupBox:
        self.suggestion_list = QListWidget()
        self.suggestion_list.setAccessibleName("Suggested criteria")
        self.use_suggestions = QPushButton("&Use these")
        self.use_suggestions.clicked.connect(self.apply_suggestions)
        suggest_box = QGroupBox("Suggested criteria")
        suggest_layout = QVBoxLayout(suggest_box)
        explanation = QLabel("Values shared by customers far more than by churned or lost companies.")
        explanation.setWordWrap(True)
        suggest_layout.addWidget(explanation)
        suggest_layout.addWidget(self.suggestion_list, 1)
        suggest_layout.addWidget(self.use_suggestions)
        return suggest_box

    def _build_tabs(self) -> None:
        self.fit_model = FitTableModel(self)
        self.fit_table = self._table(self.fit_model, "Company fit")
        self.success_model = SuccessTableModel(self)
        self.success_table = self._table(self.success_model, "Characteristics and success")
        self.fit_hint = QLabel()
        self.fit_hint.setWordWrap(True)
        fit_page = QWidget()
        fit_layout = QVBoxLayout(fit_page)
        fit_layout.addWidget(self.fit_hint)
        fit_layout.addWidget(self.fit_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(fit_page, "&Company fit")
        self.tabs.addTab(self.success_table, "&What goes with success")

    def _table(self, model, name: str) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        table = QTableView()
        table.setModel(proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName(name)
        return table

    # Loading

    def reload(self) -> None:
        icp_id = self.current_id
        self._load("icps.evidence", lambda s: icp_evidence(s, icp_id), self._show, "load the ICPs")

    def _show(self, evidence: IcpEvidence) -> None:
        self.evidence = evidence
        ids = [d.id for d in evidence.icps]
        if self.current_id not in ids and ids:
            self.current_id = ids[0]
            self.reload()
            return
        if self.current_id not in ids:
            self.current_id = None  # the last ICP was deleted
        self.icp_list.blockSignals(True)
        self.icp_list.clear()
        for draft in evidence.icps:
            item = QListWidgetItem(draft.name)
            item.setData(Qt.ItemDataRole.UserRole, draft.id)
            self.icp_list.addItem(item)
            if draft.id == self.current_id:
                self.icp_list.setCurrentItem(item)
        self.icp_list.blockSignals(False)
        current = next((d for d in evidence.icps if d.id == self.current_id), None)
        self._fill_form(current or IcpDraft(None, "", "", ()))
        self.fit_model.set_rows(evidence.fits)
        fitting = sum(r.fit.fits for r in evidence.fits)
        self.fit_hint.setText(
            f"{fitting} of {len(evidence.fits)} companies fit “{current.name}”. {evidence.separation} "
            "Hover a cell for its explanation."
            if current
            else "Save an ICP to see how well each company fits it."
        )
        self.fit_hint.setStyleSheet("color: #c0392b;" if evidence.separates is False else "")
        self.success_model.set_rows(evidence.success)
        for table in (self.fit_table, self.success_table):
            fit_columns(table)
        self.suggestion_list.clear()
        for attribute, value in evidence.suggestions:
            self.suggestion_list.addItem(f"{attribute.replace('_', ' ')}: {value}")
        if not evidence.suggestions:
            self.suggestion_list.addItem(
                "Not enough customers, churned or lost companies to suggest criteria."
            )
        self.use_suggestions.setEnabled(bool(evidence.suggestions))

    def _fill_form(self, draft: IcpDraft) -> None:
        self.name_edit.setText(draft.name)
        self.description_edit.setText(draft.description)
        self.description_edit.setCursorPosition(0)
        for n, row in enumerate(self.criteria):
            row.set(*(draft.criteria[n] if n < len(draft.criteria) else ("", "")))
        self.form_error.clear()

    def _current_named(self) -> tuple[int, str] | None:
        draft = next((d for d in self.evidence.icps if d.id == self.current_id), None)
        return (draft.id, draft.name) if draft and draft.id is not None else None

    def _icp_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.current_id = item.data(Qt.ItemDataRole.UserRole)
            self.reload()

    # Editing

    def new_icp(self) -> None:
        self.current_id = None
        self.icp_list.clearSelection()
        self._fill_form(IcpDraft(None, "", "", ()))
        self.name_edit.setFocus()

    def apply_suggestions(self) -> None:
        """Fill the criteria with the suggested ones (save to keep them)."""
        suggestions = list(self.evidence.suggestions)
        for n, row in enumerate(self.criteria):
            row.set(*(suggestions[n] if n < len(suggestions) else ("", "")))

    def save(self) -> None:
        """Check the criteria inline, then store the ICP in the background."""
        valid = [row.check() for row in self.criteria]
        if not all(valid):
            self.form_error.setText("Fix the criteria marked above.")
            return
        criteria = [c for row in self.criteria if (c := row.criterion()) is not None]
        name, description, icp_id = (
            self.name_edit.text().strip(),
            self.description_edit.text().strip(),
            self.current_id,
        )

        def store(progress, cancel) -> tuple[int | None, str]:
            def write(session) -> int:
                if icp_id is None:
                    return create_icp(session, name, criteria, description)
                update_icp(session, icp_id, name=name, description=description, criteria=criteria)
                return icp_id

            try:
                return self._workspace.read(write), ""
            except (IcpError, CriterionError) as exc:
                return None, str(exc)

        self._runner.run("icps.save", store, on_success=self._saved, on_failure=self.form_error.setText)

    def _saved(self, saved: tuple[int | None, str]) -> None:
        icp_id, error = saved
        if icp_id is None:
            self.form_error.setText(error)
            return
        self.current_id = icp_id
        self.form_error.clear()
        self.status_message.emit("ICP saved.")
        self._workspace.companies_changed.emit()


MAX_COLUMN_WIDTH = 340
"""Wider explanations are cut in the cell and shown whole in its tooltip."""


def fit_columns(table: QTableView) -> None:
    table.resizeColumnsToContents()
    for number in range(table.model().columnCount()):
        table.setColumnWidth(number, min(table.columnWidth(number), MAX_COLUMN_WIDTH))
