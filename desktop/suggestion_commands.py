"""Undoable decisions on firmographic suggestions that change no company field (dismissing one)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.workspace import Workspace
from synthesis.workspace import companies as company_records


class DismissSuggestionCommand(QUndoCommand):
    """Dismiss a wrong suggestion: it stays out of bulk accepts and is shown as dismissed, until undone."""

    def __init__(self, workspace: Workspace, suggestion: company_records.SuggestionRow) -> None:
        super().__init__(f"Dismiss {suggestion.field.replace('_', ' ')} {suggestion.value}")
        self._workspace = workspace
        self._suggestion = suggestion

    def _apply(self, status: str) -> None:
        self._workspace.write(
            lambda session: company_records.set_suggestion_status(session, self._suggestion.id, status)
        )
        self._workspace.companies_changed.emit()

    def redo(self) -> None:
        self._apply(company_records.DISMISSED)

    def undo(self) -> None:
        self._apply(self._suggestion.status)
