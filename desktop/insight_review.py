"""Insight review: one filterable table across interviews; accept, reject and edit with undo."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.commands import EditInsightCommand, SetInsightStatusCommand
from desktop.insight_table_model import (
    EVIDENCE,
    ROW_ROLE,
    STATEMENT,
    InsightFilterProxy,
    InsightTableModel,
)
from desktop.kinds import HIGHLIGHT_TEXT, highlight_colour, kind_label
from desktop.tasks import TaskRunner
from desktop.transcript_html import format_seconds, highlighted_text
from desktop.workspace import Workspace
from desktop.workspace_view import WorkspaceView
from synthesis.workspace import insights, interviews, personas
from synthesis.workspace.insights import InsightKind, InsightRow, InsightStatus
from synthesis.workspace.interviews import Highlight

OPEN_SCHEME = "open"


class InsightReview(WorkspaceView):
    """Review suggested insights: filter, sort, accept (A), reject (R), edit (E or Enter)."""

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

    def _build_table(self) -> None:
        self.table = QTableView()
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

        self.accept_action = self._table_action("&Accept", "A", lambda: self.set_status("accepted"))
        self.reject_action = self._table_action("&Reject", "R", lambda: self.set_status("rejected"))
        self.edit_action = self._table_action("&Edit", "E", self.edit_current)
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

    def _table_action(self, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self.table)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(f"{text.replace('&', '')} the selected insights ({shortcut})")
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

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
        self.model.update_rows(rows)
        self._show_current(self.table.currentIndex())

    # Filtering and selection

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            kind=self.kind_filter.currentData() or "",
            status=self.status_filter.currentData() or "",
            interview_id=self.interview_filter.currentData(),
            persona_id=self.persona_filter.currentData(),
            text=self.text_filter.text(),
        )
        self._update_actions()

    def selected_rows(self) -> list[InsightRow]:
        indexes = self.table.selectionModel().selectedRows()
        return [index.data(ROW_ROLE) for index in sorted(indexes, key=QModelIndex.row)]

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
        self._update_actions()

    def _update_actions(self) -> None:
        has_rows = self.proxy.rowCount() > 0
        for action in (self.accept_action, self.reject_action, self.edit_action):
            action.setEnabled(has_rows)

    # Edits

    def set_status(self, status: str) -> None:
        """Accept or reject every selected insight in one undoable step."""
        old = {row.id: row.status for row in self.selected_rows() if row.status != status}
        if not old:
            self.status_message.emit("Select the insights to change first.")
            return
        self._undo_stack.push(SetInsightStatusCommand(self._workspace, old, status))
        self.status_message.emit(f"{len(old)} insight{'s' if len(old) != 1 else ''} {status}.")

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index.siblingAtColumn(STATEMENT))

    def _edit_requested(self, insight_id: int, statement: str) -> None:
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


def evidence_html(row: InsightRow, context: interviews.TurnContext | None) -> str:
    """The insight, then the whole turn it came from with the quote highlighted."""
    badge = (
        f'<span style="background-color:{highlight_colour(row.kind, row.status)}; color:{HIGHLIGHT_TEXT}">'
        f"&nbsp;{escape(kind_label(row.kind))}&nbsp;</span>"
    )
    parts = [
        f"<p>{badge} <b>{escape(row.statement)}</b> <small>({escape(row.status)}, {escape(row.origin)}, "
        f"confidence {row.confidence:.2f})</small></p>"
    ]
    if context is None:
        parts.append(f"<p>“{escape(row.quote)}”</p>" if row.quote else "<p><i>No evidence quote.</i></p>")
    else:
        start = context.text.find(row.quote) if row.quote else -1
        spans = [Highlight(row.id, 0, start, start + len(row.quote), row.kind, row.status, row.statement)]
        body = highlighted_text(context.text, spans if start >= 0 else [])
        details = " · ".join(p for p in (format_seconds(context.start_seconds), context.role) if p)
        parts.append(f"<p><b>{escape(context.speaker)}</b> <small>{escape(details)}</small><br/>{body}</p>")
    parts.append(
        f'<p><a href="{OPEN_SCHEME}:transcript">Open in transcript — {escape(row.interview_title)}</a></p>'
    )
    return "".join(parts)
