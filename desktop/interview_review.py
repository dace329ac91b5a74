"""Reviewing an interview's insights where they are read: the side list and the transcript's highlights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QTextCursor, QUndoStack
from PySide6.QtWidgets import QInputDialog

from desktop.commands import EditInsightCommand
from desktop.insight_actions import InsightActions, Picked
from desktop.workspace import Workspace

if TYPE_CHECKING:
    from desktop.interview_view import InterviewView


class TranscriptReview(QObject):
    """The interview view's side of the shared insight actions: the picked insight is the one selected in
    the side list or clicked in the transcript; after A, R or Delete the next one in the list is selected."""

    def __init__(self, view: InterviewView, workspace: Workspace, undo_stack: QUndoStack) -> None:
        super().__init__(view)
        self._view = view
        self._workspace = workspace
        self._undo_stack = undo_stack
        self.edit_dialog: QInputDialog | None = None
        self.actions = InsightActions(workspace, undo_stack, self, [view.insight_list, view.browser])

    def picked_insights(self) -> list[Picked]:
        highlight = next(
            (h for h in self._view.detail.highlights if h.insight_id == self._view.selected_insight)
            if self._view.detail
            else (),
            None,
        )
        return [Picked(highlight.insight_id, highlight.kind, highlight.status)] if highlight else []

    def next_insight(self) -> int | None:
        """The insight after the selected one in the side list (else the one before)."""
        ids = [
            self._view.insight_list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self._view.insight_list.count())
        ]
        if self._view.selected_insight not in ids:
            return None
        at = ids.index(self._view.selected_insight)
        following = ids[at + 1 :] or ids[:at][-1:]
        return following[0] if following else None

    def go_to_insight(self, insight_id: int) -> None:
        self._view.select_insight(insight_id)

    def edit_insight(self) -> None:
        """A small dialog to reword the selected insight (Enter saves, Escape cancels)."""
        picked = self.picked_insights()
        if not picked or self._view.detail is None:
            return
        insight_id = picked[0].id
        statement = next(h.statement for h in self._view.detail.highlights if h.insight_id == insight_id)
        self.edit_dialog = QInputDialog(self._view)
        self.edit_dialog.setWindowTitle("Edit insight")
        self.edit_dialog.setLabelText("Statement:")
        self.edit_dialog.setTextValue(statement)
        self.edit_dialog.textValueSelected.connect(lambda text: self._reword(insight_id, statement, text))
        self.edit_dialog.open()

    def _reword(self, insight_id: int, old: str, text: str) -> None:
        if text.strip() and text.strip() != old:
            self._undo_stack.push(EditInsightCommand(self._workspace, insight_id, text.strip()))

    def menu_position(self) -> QPoint:
        item = self._view.insight_list.currentItem()
        if self._view.insight_list.hasFocus() and item is not None:
            rect = self._view.insight_list.visualItemRect(item)
            return self._view.insight_list.viewport().mapToGlobal(rect.bottomLeft())
        browser = self._view.browser
        cursor = QTextCursor(browser.document())
        cursor.setPosition(self._highlight_position())
        return browser.viewport().mapToGlobal(browser.cursorRect(cursor).bottomLeft())

    def _highlight_position(self) -> int:
        """Where the selected insight's highlight starts in the transcript document (0 if not shown).

        The document has a heading block and a text block per turn."""
        detail = self._view.detail
        highlight = next(
            (h for h in detail.highlights if h.insight_id == self._view.selected_insight) if detail else (),
            None,
        )
        turn_ids = [t.id for t in detail.turns] if detail else []
        if highlight is None or highlight.turn_id not in turn_ids:
            return 0
        block = self._view.browser.document().findBlockByNumber(2 * turn_ids.index(highlight.turn_id) + 1)
        return block.position() + highlight.start if block.isValid() else 0

    def report(self, message: str) -> None:
        self._view.status_message.emit(message)

    def list_menu(self, position: QPoint) -> None:
        item = self._view.insight_list.itemAt(position)
        if item is not None:
            self._view.select_insight(item.data(Qt.ItemDataRole.UserRole))
        menu = self.actions.context_menu(self._view.insight_list)
        menu.popup(self._view.insight_list.viewport().mapToGlobal(position))
