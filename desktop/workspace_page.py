"""Everything shown while a workspace is open: navigation, search and one view per section."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from desktop.companies_view import CompaniesView
from desktop.empty_hints import empty_hint
from desktop.icp_editor import IcpEditor
from desktop.insight_review import InsightReview
from desktop.interview_view import InterviewView
from desktop.llm_view import LlmView
from desktop.navigation import SECTIONS, NavigationList
from desktop.panes import column, splitter
from desktop.persona_editor import PersonaEditor
from desktop.persona_matrix_view import PersonaMatrixView
from desktop.search_highlight import focus_turn, query_words
from desktop.search_panel import SearchPanel
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from synthesis.workspace.counts import NavCounts, nav_counts


class WorkspacePage(QWidget):
    """Navigation and search on the left, the chosen section's view on the right."""

    status_message = Signal(str)
    counts_shown = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        undo_stack: QUndoStack,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._runner = runner
        self.counts = NavCounts()
        self._pending_turn: tuple[int, list[str]] | None = None
        """A search hit's turn and words, to bring into view once its interview is shown."""
        self.navigation = NavigationList()
        self.search = SearchPanel(workspace, runner)
        self.interviews = InterviewView(workspace, runner, undo_stack)
        self.insights = InsightReview(workspace, runner, undo_stack)
        self.companies = CompaniesView(workspace, runner, undo_stack)
        self.personas = PersonaEditor(workspace, runner, undo_stack)
        self.matrix = PersonaMatrixView(workspace, runner)
        self.icps = IcpEditor(workspace, runner, undo_stack)
        self.models = LlmView(settings, runner)
        self.views = {
            "interviews": self.interviews,
            "insights": self.insights,
            "companies": self.companies,
            "personas": self.personas,
            "matrix": self.matrix,
            "icps": self.icps,
            "models": self.models,
        }
        self._lay_out()
        self._connect(workspace)

    def _lay_out(self) -> None:
        """Navigation over search on the left, the views' stack on the right."""
        self.stack = QStackedWidget()
        for section in SECTIONS:
            self.stack.addWidget(self.views[section])
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Hint")
        self.hint.setStyleSheet("QLabel { padding: 8px; border: 1px solid palette(mid); }")
        self.hint.hide()
        left = column(self.navigation, (self.search, 1))
        self.navigation.setMaximumHeight(self.navigation.sizeHintForRow(0) * (len(SECTIONS) + 1))
        right = column(self.hint, (self.stack, 1))
        self.splitter = splitter("workspace_splitter", [left, right], stretch=(0, 1), sizes=(240, 1000))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def _connect(self, workspace: Workspace) -> None:
        """Views report in the status bar and open each other's items; any change reloads the counts."""
        for view in self.views.values():
            view.status_message.connect(self.status_message)
        self.navigation.currentRowChanged.connect(lambda row: self.stack.setCurrentIndex(max(row, 0)))
        self.navigation.currentRowChanged.connect(lambda _row: self._show_hint())
        self.search.hit_chosen.connect(self.open_search_hit)
        self.interviews.detail_shown.connect(self._focus_pending_turn)
        self.insights.open_in_transcript.connect(self.open_insight)
        self.personas.open_turn.connect(self.open_turn)
        self.companies.open_turn.connect(self.open_turn)
        for signal in (
            workspace.contents_changed,
            workspace.insights_changed,
            workspace.interview_changed,
            workspace.personas_changed,
            workspace.companies_changed,
        ):
            signal.connect(self.reload_counts)

    def splitters(self) -> list[QSplitter]:
        """The splitters whose sizes are saved between sessions."""
        return [
            self.splitter,
            self.interviews.splitter,
            self.insights.splitter,
            self.companies.splitter,
            self.personas.splitter,
            self.icps.splitter,
        ]

    def reload(self) -> None:
        """Load the counts and every view in the background."""
        self.reload_counts()
        self.interviews.reload_list()
        self.insights.reload()
        for view in (self.companies, self.personas, self.matrix, self.icps):
            view.reload()

    def refresh_results(self) -> None:
        """Show what a running synthesis has stored so far (insights, counts, interview list)."""
        self.reload_counts()
        self.insights.reload()
        self.interviews.reload_list()

    def reload_counts(self, *_args: object) -> None:
        self._runner.run(
            "counts",
            lambda progress, cancel: self.workspace.read(nav_counts),
            on_success=self._show_counts,
        )

    def _show_counts(self, counts: NavCounts) -> None:
        self.counts = counts
        self.navigation.set_counts(counts)
        self._show_hint()
        self.counts_shown.emit(counts)

    def _show_hint(self) -> None:
        hint = empty_hint(self.navigation.section(), self.counts)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def show_section(self, section: str) -> None:
        self.navigation.select_section(section)

    def open_turn(self, interview_id: int, turn_id: int) -> None:
        self.show_section("interviews")
        self.interviews.open_interview(interview_id, turn_id=turn_id)

    def open_search_hit(self, interview_id: int, turn_id: int) -> None:
        """Open a search hit's turn: wholly in view, the searched words marked."""
        self._pending_turn = (turn_id, query_words(self.search.box.text()))
        self.open_turn(interview_id, turn_id)

    def _focus_pending_turn(self, _interview_id: int) -> None:
        detail, pending = self.interviews.detail, self._pending_turn
        self._pending_turn = None
        if detail is None or pending is None:
            return
        turn_id, words = pending
        index = next((n for n, turn in enumerate(detail.turns) if turn.id == turn_id), None)
        if index is not None:
            focus_turn(self.interviews.browser, index, words)

    def open_insight(self, interview_id: int, insight_id: int) -> None:
        self.show_section("interviews")
        self.interviews.open_interview(interview_id, insight_id=insight_id)

    def open_interview(self, interview_id: int) -> None:
        self.show_section("interviews")
        self.interviews.open_interview(interview_id)
