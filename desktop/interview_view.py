"""Interviews: the list, the highlighted transcript, its insights, metadata and speaker roles."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QTableView,
    QTextBrowser,
    QWidget,
)

from desktop.commands import AddInsightCommand
from desktop.insight_actions import ReviewList
from desktop.interview_meta_panel import InterviewMetaPanel
from desktop.interview_review import TranscriptReview
from desktop.kinds import HIGHLIGHT_TEXT, KindLegend, highlight_colour, kind_label
from desktop.panes import column, fill, splitter
from desktop.record_actions import RecordActions
from desktop.record_table_model import RecordTableModel
from desktop.tasks import TaskRunner
from desktop.transcript_html import INSIGHT_SCHEME, insight_anchor, transcript_html, turn_anchor
from desktop.workspace import Workspace
from desktop.workspace_view import WorkspaceView
from synthesis.workspace import insights, interviews
from synthesis.workspace.insights import InsightKind, is_reviewed
from synthesis.workspace.interviews import InterviewDetail, InterviewSummary, TurnRow

LIST_HEADERS = ("Interview", "Interviewee", "Reviewed")


class InterviewView(WorkspaceView):
    """Pick an interview on the left; read and annotate it in the middle; edit its details on the right.

    Its insights are reviewed where they are read: A, R, E, K and Delete (and the context menu) act on the
    insight selected in the side list or the transcript, as in the insight review."""

    detail_shown = Signal(int)
    """An interview finished loading and is on screen (its id)."""

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, runner, parent)
        self._undo_stack = undo_stack
        self.detail: InterviewDetail | None = None
        self.selected_insight: int | None = None

        self._build_list()
        middle = self._build_transcript()
        right = self._build_details()
        self.splitter = splitter(
            "interview_splitter", [self.list_view, middle, right], stretch=(2, 5, 2), sizes=(440, 680, 320)
        )
        fill(self, self.splitter)

        workspace.contents_changed.connect(self.reload_list)
        workspace.contents_changed.connect(self._reload_detail)
        workspace.interview_changed.connect(self._interview_changed)
        workspace.insights_changed.connect(self._insights_changed)

    def _build_list(self) -> None:
        self.list_model = RecordTableModel(LIST_HEADERS, self)
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.verticalHeader().hide()
        self.list_view.setWordWrap(False)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list_view.setAccessibleName("Interviews")
        self.list_view.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.record_actions = RecordActions(
            self.list_view, self._workspace, self._undo_stack, "interview", self._current_interview
        )

    def _build_transcript(self) -> QWidget:
        self.title = QLabel("Select an interview")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Transcript")
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.browser.customContextMenuRequested.connect(self._context_menu)
        return column(self.title, KindLegend(), (self.browser, 1))

    def _build_details(self) -> QWidget:
        self.meta_panel = InterviewMetaPanel(self._workspace, self._undo_stack)
        self.meta_panel.status_message.connect(self.status_message)
        self.insight_list = ReviewList()
        self.insight_list.setWordWrap(True)
        self.insight_list.setSpacing(2)
        self.insight_list.setAccessibleName("Insights of this interview")
        self.insight_list.currentItemChanged.connect(self._insight_item_changed)
        self.insight_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.insight_list.customContextMenuRequested.connect(lambda pos: self.review.list_menu(pos))
        self.review = TranscriptReview(self, self._workspace, self._undo_stack)
        self.insight_actions = self.review.actions
        self.progress = QLabel("Insights")
        self.progress.setAccessibleName("Review progress of this interview")
        return column(self.meta_panel, self.progress, (self.insight_list, 1))

    # Loading

    def reload_list(self) -> None:
        self._load("interviews.list", interviews.interview_summaries, self._show_list, "list the interviews")

    def _show_list(self, summaries: list[InterviewSummary]) -> None:
        current = self.detail.id if self.detail else None
        self.list_model.set_records(
            [(s.title, s.interviewee, f"{s.reviewed} of {s.insights}") for s in summaries],
            [s.id for s in summaries],
        )
        if current is not None and self.list_model.row_of(current) is None:
            self._show_detail(None, turn_id=None, insight_id=None)  # the open interview was deleted
        elif current is not None:
            self._select_list_row(current)

    def open_interview(
        self, interview_id: int, *, turn_id: int | None = None, insight_id: int | None = None
    ) -> None:
        """Load an interview and scroll to a turn or an insight's highlight."""
        self._select_list_row(interview_id)
        self._load(
            "interviews.detail",
            lambda s: interviews.interview_detail(s, interview_id),
            lambda detail: self._show_detail(detail, turn_id=turn_id, insight_id=insight_id),
            "open the interview",
        )

    def _show_detail(
        self,
        detail: InterviewDetail | None,
        *,
        turn_id: int | None,
        insight_id: int | None,
        keep_scroll: bool = False,
    ) -> None:
        scroll = self.browser.verticalScrollBar().value()
        same = detail is not None and self.detail is not None and detail.id == self.detail.id
        self.detail = detail
        if not same:
            self.selected_insight = None
        if insight_id is not None:
            self.selected_insight = insight_id
        self.title.setText(detail.title if detail else "Select an interview")
        self.meta_panel.set_detail(detail)
        self._fill_insight_list()
        self.browser.setHtml(transcript_html(detail, self.selected_insight) if detail else "")
        if keep_scroll:
            self.browser.verticalScrollBar().setValue(scroll)
        elif insight_id is not None:
            self.browser.scrollToAnchor(insight_anchor(insight_id))
        elif turn_id is not None:
            self.browser.scrollToAnchor(turn_anchor(turn_id))
        if detail is not None:
            self.detail_shown.emit(detail.id)

    def _fill_insight_list(self) -> None:
        self.insight_list.blockSignals(True)
        self.insight_list.clear()
        seen: set[int] = set()
        statuses = {h.insight_id: h.status for h in self.detail.highlights} if self.detail else {}
        reviewed = sum(is_reviewed(status) for status in statuses.values())
        self.progress.setText(
            f"Insights — {reviewed} of {len(statuses)} reviewed" if statuses else "Insights"
        )
        for highlight in self.detail.highlights if self.detail else []:
            if highlight.insight_id in seen:
                continue
            seen.add(highlight.insight_id)
            item = QListWidgetItem(
                f"{kind_label(highlight.kind)} · {highlight.status}\n{highlight.statement}"
            )
            item.setData(Qt.ItemDataRole.UserRole, highlight.insight_id)
            item.setBackground(QBrush(QColor(highlight_colour(highlight.kind, highlight.status))))
            item.setForeground(QBrush(QColor(HIGHLIGHT_TEXT)))
            self.insight_list.addItem(item)
            if highlight.insight_id == self.selected_insight:
                self.insight_list.setCurrentItem(item)
        self.insight_list.blockSignals(False)

    def _reload_detail(self) -> None:
        if self.detail is None:
            return
        interview_id = self.detail.id
        self._runner.run(
            "interviews.detail",
            lambda progress, cancel: self._workspace.read(
                lambda s: interviews.interview_detail(s, interview_id)
            ),
            on_success=lambda detail: self._show_detail(
                detail, turn_id=None, insight_id=None, keep_scroll=True
            ),
        )

    # Reactions

    def _list_row_changed(self, current, _previous) -> None:
        if current.isValid():
            interview_id = self.list_model.id_at(current.row())
            if interview_id is not None and (self.detail is None or self.detail.id != interview_id):
                self.open_interview(interview_id)

    def _select_list_row(self, interview_id: int) -> None:
        row = self.list_model.row_of(interview_id)
        if row is None:
            return
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            self.list_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.list_view.viewport().update()

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == INSIGHT_SCHEME and url.path().isdigit():
            self.select_insight(int(url.path()))

    def select_insight(self, insight_id: int) -> None:
        """Select an insight in the side list and emphasise and scroll to its highlight."""
        if self.detail is None:
            return
        self.selected_insight = insight_id
        for row in range(self.insight_list.count()):
            item = self.insight_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == insight_id:
                self.insight_list.blockSignals(True)
                self.insight_list.setCurrentItem(item)
                self.insight_list.blockSignals(False)
                self.insight_list.scrollToItem(item)
        self.browser.setHtml(transcript_html(self.detail, insight_id))
        self.browser.scrollToAnchor(insight_anchor(insight_id))

    def _insight_item_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.select_insight(item.data(Qt.ItemDataRole.UserRole))

    def _interview_changed(self, interview_id: int) -> None:
        if self.detail is not None and self.detail.id == interview_id:
            self._reload_detail()
        self.reload_list()

    def _insights_changed(self, insight_ids: list[int]) -> None:
        """Reload the transcript when a changed, added, deleted or restored insight belongs to it."""
        self.reload_list()
        if self.detail is None:
            return
        shown = {h.insight_id for h in self.detail.highlights}
        ids = list(insight_ids)
        if shown & set(ids) or self.detail.id in self._workspace.read(
            lambda s: insights.interviews_of(s, ids)
        ):
            self._reload_detail()

    # Adding insights from a selection

    def selected_span(self) -> tuple[TurnRow, int, int] | None:
        """The selected words as (turn, start, end) in the turn's text, when they lie within one turn."""
        cursor = self.browser.textCursor()
        if self.detail is None or not cursor.hasSelection():
            return None
        document = self.browser.document()
        block = document.findBlock(cursor.selectionStart())
        turn_number, is_text = divmod(block.blockNumber() - 1, 2)
        if is_text or not 0 <= turn_number < len(self.detail.turns):
            return None
        turn = self.detail.turns[turn_number]
        if block.text() != turn.text.replace("\n", "\u2028"):
            return None
        start = cursor.selectionStart() - block.position()
        end = cursor.selectionEnd() - block.position()
        if end > len(turn.text):
            return None
        while start < end and turn.text[start].isspace():
            start += 1
        while end > start and turn.text[end - 1].isspace():
            end -= 1
        return (turn, start, end) if start < end else None

    def add_insight(self, kind: str) -> bool:
        """Store the selected respondent words as an accepted insight of ``kind`` (undoable)."""
        span = self.selected_span()
        if span is None or self.detail is None:
            self.status_message.emit("Select words within one turn first.")
            return False
        turn, start, end = span
        if turn.role != "respondent":
            self.status_message.emit("Insights quote respondents: select words a respondent said.")
            return False
        self._undo_stack.push(AddInsightCommand(self._workspace, self.detail.id, turn.id, start, end, kind))
        self.status_message.emit(f"{kind_label(kind)} insight added.")
        return True

    def _context_menu(self, position: QPoint) -> None:
        menu = self.browser.createStandardContextMenu(position)
        anchor = QUrl(self.browser.anchorAt(position))
        if anchor.scheme() == INSIGHT_SCHEME and anchor.path().isdigit():
            self.select_insight(int(anchor.path()))
            menu.addSeparator()
            for action in self.insight_actions.context_menu(menu).actions():
                menu.addAction(action)
        menu.addSeparator()
        span = self.selected_span()
        add_menu = menu.addMenu("Add &insight as")
        if span is None or span[0].role != "respondent":
            add_menu.setEnabled(False)
            add_menu.setToolTip("Select words a respondent said, within one turn")
        for kind in InsightKind:
            add_menu.addAction(kind_label(kind), lambda kind=kind: self.add_insight(str(kind)))
        menu.popup(self.browser.viewport().mapToGlobal(position))

    def _current_interview(self) -> tuple[int, str] | None:
        index = self.list_view.currentIndex()
        interview_id = self.list_model.id_at(index.row()) if index.isValid() else None
        return None if interview_id is None else (interview_id, self.list_model.index(index.row(), 0).data())
