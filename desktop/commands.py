"""Undoable edits: each command writes to the workspace on redo and undo, then tells the views."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop import records
from desktop.workspace import Workspace


class SetInsightStatusCommand(QUndoCommand):
    """Accept or reject one or more insights."""

    def __init__(self, workspace: Workspace, old: dict[int, str], new_status: str) -> None:
        count = len(old)
        noun = "insight" if count == 1 else f"{count} insights"
        verb = {"accepted": "Accept", "rejected": "Reject"}.get(new_status, "Mark")
        super().__init__(f"{verb} {noun}")
        self._workspace = workspace
        self._old = dict(old)
        self._new = dict.fromkeys(old, new_status)

    def _apply(self, statuses: dict[int, str]) -> None:
        self._workspace.write(lambda session: records.set_insight_statuses(session, statuses))
        self._workspace.insights_changed.emit(list(statuses))

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class EditInsightCommand(QUndoCommand):
    """Reword an insight; its status becomes ``edited``."""

    def __init__(self, workspace: Workspace, insight_id: int, statement: str) -> None:
        super().__init__("Edit insight")
        self._workspace = workspace
        self._id = insight_id
        self._old = workspace.read(lambda session: records.insight_state(session, insight_id))
        self._new = (statement, "edited")

    def _apply(self, state: tuple[str, str]) -> None:
        self._workspace.write(lambda session: records.set_insight_statement(session, self._id, *state))
        self._workspace.insights_changed.emit([self._id])

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class SetSpeakerRoleCommand(QUndoCommand):
    """Change the role (interviewer, respondent, other) of every turn of one speaker."""

    def __init__(self, workspace: Workspace, interview_id: int, speaker: str, old: str, new: str) -> None:
        super().__init__(f"Set {speaker} as {new}")
        self._workspace = workspace
        self._interview_id = interview_id
        self._speaker = speaker
        self._old = old
        self._new = new

    def _apply(self, role: str) -> None:
        self._workspace.write(
            lambda session: records.set_speaker_role(session, self._interview_id, self._speaker, role)
        )
        self._workspace.interview_changed.emit(self._interview_id)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class SetInterviewFieldCommand(QUndoCommand):
    """Change one metadata field of an interview (see ``records.INTERVIEW_FIELDS``)."""

    def __init__(self, workspace: Workspace, interview_id: int, name: str, old: str, new: str) -> None:
        super().__init__(f"Edit {name.replace('_', ' ')}")
        self._workspace = workspace
        self._interview_id = interview_id
        self._name = name
        self._old = old
        self._new = new

    def _apply(self, value: str) -> None:
        self._workspace.write(
            lambda session: records.set_interview_field(session, self._interview_id, self._name, value)
        )
        self._workspace.interview_changed.emit(self._interview_id)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)
