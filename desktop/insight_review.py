"""Insight review: one filterable table across interviews; accept, reject and edit with undo."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.commands import EditInsightCommand
from desktop.confidence_filter import ConfidenceFilter
from desktop.evidence_html import OPEN_SCHEME, evidence_html
from desktop.insight_actions import InsightActions, Picked, ReviewTable
from desktop.insight_table_model import (
    EVIDENCE,
    ROW_ROLE,
    STATEMENT,
    InsightFilterProxy,
    InsightTableModel,
)
from desktop.kinds import kind_label
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from desktop.workspace_view import WorkspaceView
from synthesis.workspace import insights, interviews, personas
from synthesis.workspace.insights import InsightKind, InsightRow, InsightStatus, is_reviewed


class InsightReview(WorkspaceView):
    """Review suggested insights: filter, sort, accept (A), reject (R), edit (E or Enter), change kind (K),
    delete (Delete); A, R and Delete move to the next row.

    A reworded row stays in the table whatever the filters (it is pinned) until a filter changes, so it
    does not vanish from "Suggested" while the user is on it; A, R, K and Delete take rows out at once."""

    open_in_transcript = Signal(int, int)
    """(interview id, insight id): show this insight's highlight in its transcript."""

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, runner, parent)
        self._undo_stack = undo_stack

        self.model = InsightTableModel(self)
        self.model.edit_requested.connect(self._edit_requested)
        self.proxy = InsightFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._build_filters()
        self._build_table()
        filters = self._build_filter_row()
        self._build_evidence()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        second = QHBoxLayout()
        second.addWidget(self.counts, 1)
        second.addWidget(self.confidence_filter)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)

        workspace.insights_changed.connect(self._insights_changed)
        workspace.contents_changed.connect(self.reload)
        workspace.personas_changed.connect(lambda _ids: self.reload())
        self._update_actions()

    def _build_filters(self) -> None:
        """The kind, status, interview, persona and text filters above the table."""
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", "")
        for kind in InsightKind:
            self.kind_filter.addItem(kind_label(kind), str(kind))
        self.status_filter = QComboBox()
        self.status_filter.addItem("Any status", "")
        for status in InsightStatus:
            self.status_filter.addItem(status.capitalize(), str(status))
        self.interview_filter = QComboBox()
        self.interview_filter.addItem("All interviews", None)
        self.interview_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.interview_filter.setMinimumContentsLength(6)
        self.persona_filter = QComboBox()
        self.persona_filter.addItem("All personas", None)
        self.persona_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.persona_filter.setMinimumContentsLength(6)
        self.persona_filter.setAccessibleName("Persona filter")
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter by text…")
        self.text_filter.setClearButtonEnabled(True)
        for combo in (self.kind_filter, self.status_filter, self.interview_filter, self.persona_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.text_filter.textChanged.connect(self._apply_filters)
        self.confidence_filter = ConfidenceFilter()
        self.confidence_filter.changed.connect(self._apply_filters)
        self.counts = QLabel()
        self.counts.setAccessibleName("Review progress")

    def _build_table(self) -> None:
        self.table = ReviewTable()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATEMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EVIDENCE, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Insights")
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.insight_actions = InsightActions(self._workspace, self._undo_stack, self, [self.table])
        self.accept_action = self.insight_actions.accept_action
        self.reject_action = self.insight_actions.reject_action
        self.edit_action = self.insight_actions.edit_action
        self.edit_action.setShortcuts(
            [QKeySequence("E"), QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )

    def _build_filter_row(self) -> QHBoxLayout:
        """The filters and the accept, reject and edit buttons."""
        filters = QHBoxLayout()
        for widget in (self.kind_filter, self.status_filter):
            filters.addWidget(widget)
        filters.addWidget(self.interview_filter, 1)
        filters.addWidget(self.persona_filter, 1)
        filters.addWidget(self.text_filter, 2)
        for action in (self.accept_action, self.reject_action, self.edit_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            filters.addWidget(button)
        return filters

    def _build_evidence(self) -> None:
        self.evidence = QTextBrowser()
        self.evidence.setOpenLinks(False)
        self.evidence.setAccessibleName("Evidence")
        self.evidence.anchorClicked.connect(self._evidence_link)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("insight_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.evidence)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

    # Loading

    def reload(self) -> None:
        self._load(
            "insights.table",
            lambda s: (insights.insight_rows(s), personas.persona_names(s)),
            self._show_loaded,
            "load the insights",
        )

    def _show_loaded(self, loaded: tuple[list[InsightRow], list[tuple[int, str]]]) -> None:
        rows, persona_names = loaded
        chosen = self.persona_filter.currentData()
        self.persona_filter.blockSignals(True)
        self.persona_filter.clear()
        self.persona_filter.addItem("All personas", None)
        self.persona_filter.addItem("In no persona", 0)
        for persona_id, name in persona_names:
            self.persona_filter.addItem(name, persona_id)
        self.persona_filter.setCurrentIndex(max(self.persona_filter.findData(chosen), 0))
        self.persona_filter.blockSignals(False)
        self._show_rows(rows)

    def _show_rows(self, rows: list[InsightRow]) -> None:
        """Show fresh rows, keeping the selection and current row the user had."""
        kept = [row.id for row in self.selected_rows()]
        current: InsightRow | None = self.table.currentIndex().data(ROW_ROLE)
        self.model.set_rows(rows)
        chosen = self.interview_filter.currentData()
        self.interview_filter.blockSignals(True)
        self.interview_filter.clear()
        self.interview_filter.addItem("All interviews", None)
        for interview_id, title in sorted({(r.interview_id, r.interview_title) for r in rows}):
            self.interview_filter.addItem(title, interview_id)
        self.interview_filter.setCurrentIndex(max(self.interview_filter.findData(chosen), 0))
        self.interview_filter.blockSignals(False)
        self._apply_filters()
        if kept:
            self.select_ids(kept)
        if current is not None and (source_row := self.model.row_of(current.id)) is not None:
            index = self.proxy.mapFromSource(self.model.index(source_row, STATEMENT))
            if index.isValid():
                self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, STATEMENT))
        self._update_actions()

    def _insights_changed(self, insight_ids: list[int]) -> None:
        rows = self._workspace.read(lambda s: insights.insight_rows(s, insight_ids))
        if len(rows) != len(insight_ids) or any(self.model.row_of(i) is None for i in insight_ids):
            self.reload()  # insights were added or deleted
            return
        self.model.update_rows(rows)  # the proxy re-filters changed rows itself (dynamic filter)
        self._show_current(self.table.currentIndex())
        self._update_actions()

    # Filtering and selection

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            kind=self.kind_filter.currentData() or "",
            status=self.status_filter.currentData() or "",
            interview_id=self.interview_filter.currentData(),
            persona_id=self.persona_filter.currentData(),
            text=self.text_filter.text(),
            min_confidence=self.confidence_filter.value(),
        )
        self._update_actions()

    def selected_rows(self) -> list[InsightRow]:
        return [self.proxy.index(row, 0).data(ROW_ROLE) for row in self._selected_numbers()]

    def _selected_numbers(self) -> list[int]:
        """The selected rows of the table, top to bottom (read from the selection's ranges: fast for a
        500-row selection, unlike ``selectedRows``)."""
        rows = {
            row
            for part in self.table.selectionModel().selection()
            for row in range(part.top(), part.bottom() + 1)
        }
        return sorted(rows)

    def select_ids(self, insight_ids: list[int]) -> None:
        """Select these insights (those the filters show)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        for insight_id in insight_ids:
            source_row = self.model.row_of(insight_id)
            if source_row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(source_row, STATEMENT))
            if index.isValid():
                selection.select(
                    index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                )
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _update_actions(self) -> None:
        self.insight_actions.set_enabled(self.proxy.rowCount() > 0)
        self._update_counts()

    def _update_counts(self) -> None:
        """Rows in the current filter, and how many insights are reviewed (this interview's, and all)."""
        rows = self.model.rows()
        parts = [f"{self.proxy.rowCount()} of {len(rows)} shown"]
        interview_id = self.interview_filter.currentData()
        if interview_id is not None:
            mine = [r.status for r in rows if r.interview_id == interview_id]
            parts.append(f"this interview: {sum(map(is_reviewed, mine))} of {len(mine)} reviewed")
        overall = sum(map(is_reviewed, [r.status for r in rows]))
        parts.append(f"{overall} of {len(rows)} reviewed overall")
        self.counts.setText(" · ".join(parts))

    # Edits (the shared insight actions call these)

    def picked_insights(self) -> list[Picked]:
        return [Picked(r.id, r.kind, r.status) for r in self.selected_rows()]

    def next_insight(self) -> int | None:
        """The first row below the selection that is not selected, else the last one above it."""
        selected = set(self._selected_numbers())
        if not selected:
            return None
        below = range(max(selected) + 1, self.proxy.rowCount())
        above = range(min(selected) - 1, -1, -1)
        row = next((r for r in (*below, *above) if r not in selected), None)
        return None if row is None else self.proxy.index(row, 0).data(ROW_ROLE).id

    def go_to_insight(self, insight_id: int) -> None:
        self.select_ids([insight_id])
        self.table.scrollTo(self.table.currentIndex())

    def edit_insight(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index.siblingAtColumn(STATEMENT))

    def menu_position(self) -> QPoint:
        rect = self.table.visualRect(self.table.currentIndex().siblingAtColumn(STATEMENT))
        return self.table.viewport().mapToGlobal(rect.bottomLeft())

    def report(self, message: str) -> None:
        self.status_message.emit(message)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        self.insight_actions.context_menu(self.table).popup(self.table.viewport().mapToGlobal(position))

    def _edit_requested(self, insight_id: int, statement: str) -> None:
        self.proxy.pin(insight_id)
        self._undo_stack.push(EditInsightCommand(self._workspace, insight_id, statement))

    # Evidence pane

    def _show_current(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row: InsightRow | None = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            self.evidence.setHtml("<p><i>Select an insight to see its evidence.</i></p>")
            return
        context = (
            self._workspace.read(lambda s: interviews.turn_context(s, row.turn_id)) if row.turn_id else None
        )
        self.evidence.setHtml(evidence_html(row, context))

    def _evidence_link(self, url: QUrl) -> None:
        row: InsightRow | None = self.table.currentIndex().data(ROW_ROLE)
        if url.scheme() == OPEN_SCHEME and row is not None:
            self.open_in_transcript.emit(row.interview_id, row.id)
