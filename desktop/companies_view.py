"""Companies: editable firmographics and relationship, and the facts found in their transcripts, each
accepted in one click."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.commands import AcceptSuggestionCommand, SetCompanyFieldCommand
from desktop.company_table_model import RELATIONSHIP, CompanyTableModel, RelationshipDelegate
from desktop.panes import column, fill, splitter
from desktop.record_actions import RecordActions
from desktop.suggestion_commands import DismissSuggestionCommand
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from desktop.workspace_view import WorkspaceView
from synthesis.workspace import companies as company_records
from synthesis.workspace.companies import CompanyRow, SuggestionRow

TURN_SCHEME = "turn"


class CompaniesView(WorkspaceView):
    open_turn = Signal(int, int)

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, runner, parent)
        self._undo_stack = undo_stack
        self.suggestions: list[SuggestionRow] = []
        self.accept_buttons: dict[int, QPushButton] = {}
        """The Accept button of each suggestion still waiting for a decision, by suggestion id."""
        self.dismiss_buttons: dict[int, QPushButton] = {}

        self.model = CompanyTableModel(self)
        # queued: the delegate finishes committing and closing its editor before the write reloads the view
        self.model.edit_requested.connect(self._edit_requested, Qt.ConnectionType.QueuedConnection)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(RELATIONSHIP, RelationshipDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Companies")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_suggestions())
        self.record_actions = RecordActions(
            self.table, workspace, undo_stack, "company", self._current_named, self._all_named
        )
        self.hint = QLabel(
            "No companies yet: they are created from interview metadata on import, or when you type a "
            "company on an interview. Double-click a cell to edit it."
        )
        self.hint.setWordWrap(True)

        self.suggestion_title = QLabel()
        self.suggestion_rows = QWidget()
        self.suggestion_layout = QVBoxLayout(self.suggestion_rows)
        self.suggestion_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.suggestion_scroll = QScrollArea()
        self.suggestion_scroll.setWidgetResizable(True)
        self.suggestion_scroll.setWidget(self.suggestion_rows)
        bottom = column(self.suggestion_title, (self.suggestion_scroll, 1))
        top = column(self.hint, (self.table, 1))
        self.splitter = splitter(
            "companies_splitter", [top, bottom], sizes=(300, 300), orientation=Qt.Orientation.Vertical
        )
        fill(self, self.splitter)
        for signal in (workspace.contents_changed, workspace.companies_changed, workspace.interview_changed):
            signal.connect(self.reload)

    # Loading

    def reload(self) -> None:
        self._load("companies.table", company_records.company_rows, self._show, "load the companies")

    def _show(self, rows: list[CompanyRow]) -> None:
        current = self.current_company()
        self.model.set_rows(rows)
        self.hint.setText(
            "Double-click a cell to edit it; pick a company to see the facts found in its transcripts."
            if rows
            else "No companies yet: they are created from interview metadata on import, or when you type a "
            "company on an interview."
        )
        row = self.model.row_of(current) if current is not None else (0 if rows else None)
        if row is not None and row != self.table.currentIndex().row():
            self.table.selectRow(row)  # only when it moved: moving the current cell closes an open editor
        self._load_suggestions()

    def current_company(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.company_id(index.row()) if index.isValid() else None

    def _current_named(self) -> tuple[int, str] | None:
        company_id = self.current_company()
        named = dict(self._all_named())
        return None if company_id is None else (company_id, named[company_id])

    def _all_named(self) -> list[tuple[int, str]]:
        return [(row.id, row.values["name"]) for row in self.model.rows()]

    def select_company(self, company_id: int) -> None:
        row = self.model.row_of(company_id)
        if row is not None:
            self.table.selectRow(row)

    def _load_suggestions(self) -> None:
        company_id = self.current_company()
        if company_id is None:
            self._show_suggestions([])
            return
        self._runner.run(
            "companies.suggestions",
            lambda progress, cancel: self._workspace.read(
                lambda s: company_records.suggestions_of(s, company_id)
            ),
            on_success=self._show_suggestions,
        )

    def _show_suggestions(self, suggestions: list[SuggestionRow]) -> None:
        previous, self.suggestions = self.suggestions, suggestions
        waiting = sum(s.status == "suggested" for s in suggestions)
        company = self.model.index(self.table.currentIndex().row(), 0).data() if suggestions else ""
        self.suggestion_title.setText(
            f"<b>Found in the transcripts of {escape(company)}</b> — {waiting} waiting for a decision"
            if suggestions
            else "<b>Found in the transcripts</b> — nothing for this company (extraction finds sizes, "
            "revenue, funding, places and tools)."
        )
        if [s.id for s in previous] == [s.id for s in suggestions]:
            for index, (old, new) in enumerate(zip(previous, suggestions, strict=True)):
                if old != new:  # a decision changes its own row in place: the list never jumps
                    self._drop_row(index)
                    self.suggestion_layout.insertWidget(index, self._suggestion_row(new))
            return
        while self.suggestion_layout.count():
            self._drop_row(0)
        for suggestion in suggestions:
            self.suggestion_layout.addWidget(self._suggestion_row(suggestion))

    def _drop_row(self, index: int) -> None:
        widget = self.suggestion_layout.takeAt(index).widget()
        if widget is not None:
            for buttons in (self.accept_buttons, self.dismiss_buttons):
                for key in [k for k, button in buttons.items() if widget.isAncestorOf(button)]:
                    del buttons[key]
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()

    def _suggestion_row(self, suggestion: SuggestionRow) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(
            f"<b>{escape(suggestion.field.replace('_', ' ').capitalize())}</b>: {escape(suggestion.value)} "
            f'&nbsp;<a href="{TURN_SCHEME}:{suggestion.interview_id}/{suggestion.turn_id}">'
            f"“{escape(suggestion.quote)}”</a> <small>— {escape(suggestion.interview_title)}</small>"
        )
        label.setWordWrap(True)
        label.linkActivated.connect(
            lambda _link, s=suggestion: self.open_turn.emit(s.interview_id, s.turn_id)
        )
        layout.addWidget(label, 1)
        if suggestion.status == "suggested":
            button = QPushButton(f"Accept as {suggestion.target.replace('_', ' ')}")
            button.clicked.connect(lambda _checked=False, s=suggestion: self.accept(s))
            dismiss = QPushButton("Dismiss")
            dismiss.setToolTip("Not a fact about this company: hide it from bulk accepts (undo with Ctrl+Z)")
            dismiss.clicked.connect(lambda _checked=False, s=suggestion: self.dismiss(s))
            self.accept_buttons[suggestion.id] = button
            self.dismiss_buttons[suggestion.id] = dismiss
            layout.addWidget(button)
            layout.addWidget(dismiss)
        else:
            shown = "dismissed" if suggestion.status == company_records.DISMISSED else suggestion.status
            layout.addWidget(QLabel(shown))
        return row

    # Edits

    def _edit_requested(self, company_id: int, name: str, old: str, new: str) -> None:
        try:
            company_records.check_company_field(name, new)
        except ValueError as exc:
            self.status_message.emit(f"Not changed: {exc}.")
            self.reload()
            return
        self._undo_stack.push(SetCompanyFieldCommand(self._workspace, company_id, name, old, new))

    def accept(self, suggestion: SuggestionRow) -> None:
        """Take a suggested fact into the company, in one undoable step."""
        try:
            self._undo_stack.push(AcceptSuggestionCommand(self._workspace, suggestion))
        except (ValueError, LookupError) as exc:
            self.status_message.emit(f"Not accepted: {exc}.")
            return
        self.status_message.emit(
            f"{suggestion.target.replace('_', ' ').capitalize()} set from the transcript."
        )

    def dismiss(self, suggestion: SuggestionRow) -> None:
        """Set a wrong suggestion aside, in one undoable step; it is never suggested again."""
        try:
            self._undo_stack.push(DismissSuggestionCommand(self._workspace, suggestion))
        except LookupError as exc:
            self.status_message.emit(f"Not dismissed: {exc}.")
            return
        self.status_message.emit(f"Dismissed “{suggestion.value}” ({suggestion.field.replace('_', ' ')}).")
