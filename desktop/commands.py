"""Undoable edits: each command writes to the workspace on redo and undo, then tells the views."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.workspace import Workspace
from synthesis.workspace import companies as company_records
from synthesis.workspace import insights, interviews, personas
from synthesis.workspace.personas import Placement


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
        self._workspace.write(lambda session: insights.set_insight_statuses(session, statuses))
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
        self._old = workspace.read(lambda session: insights.insight_state(session, insight_id))
        self._new = (statement, "edited")

    def _apply(self, state: tuple[str, str]) -> None:
        self._workspace.write(lambda session: insights.set_insight_statement(session, self._id, *state))
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
            lambda session: interviews.set_speaker_role(session, self._interview_id, self._speaker, role)
        )
        self._workspace.interview_changed.emit(self._interview_id)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class SetInterviewFieldCommand(QUndoCommand):
    """Change one metadata field of an interview (see ``interviews.INTERVIEW_FIELDS``)."""

    def __init__(self, workspace: Workspace, interview_id: int, name: str, old: str, new: str) -> None:
        super().__init__(f"Edit {name.replace('_', ' ')}")
        self._workspace = workspace
        self._interview_id = interview_id
        self._name = name
        self._old = old
        self._new = new

    def _apply(self, value: str) -> None:
        self._workspace.write(
            lambda session: interviews.set_interview_field(session, self._interview_id, self._name, value)
        )
        self._workspace.interview_changed.emit(self._interview_id)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class SetPersonaFieldCommand(QUndoCommand):
    """Change a persona's name, role, summary, demographics or status; re-synthesis then keeps it."""

    def __init__(self, workspace: Workspace, persona_id: int, name: str, value: str) -> None:
        super().__init__(f"Edit persona {name}")
        self._workspace = workspace
        self._id = persona_id
        self._name = name
        self._old_value, self._old_edited = workspace.read(
            lambda session: personas.persona_field(session, persona_id, name)
        )
        self._new_value = value
        self._new_edited = [*self._old_edited, name] if name not in self._old_edited else self._old_edited

    def _apply(self, value: str, edited: list[str]) -> None:
        self._workspace.write(
            lambda session: personas.set_persona_field(session, self._id, self._name, value, edited)
        )
        self._workspace.personas_changed.emit([self._id])

    def redo(self) -> None:
        self._apply(self._new_value, self._new_edited)

    def undo(self) -> None:
        self._apply(self._old_value, self._old_edited)


class PlaceInsightCommand(QUndoCommand):
    """Move an insight to another persona, or remove it from its persona (``new`` is None)."""

    def __init__(
        self, workspace: Workspace, old: Placement, new: Placement | None, text: str = "Move insight"
    ) -> None:
        super().__init__(text)
        self._workspace = workspace
        self._old = old
        self._new = new

    def _apply(self, old: Placement | None, new: Placement | None) -> None:
        self._workspace.write(lambda session: personas.set_placement(session, old, new))
        self._workspace.personas_changed.emit(sorted({p.persona_id for p in (old, new) if p is not None}))

    def redo(self) -> None:
        self._apply(self._old, self._new)

    def undo(self) -> None:
        self._apply(self._new, self._old)


class SetPersonaIcpsCommand(QUndoCommand):
    """Link a persona to a new set of ICPs."""

    def __init__(self, workspace: Workspace, persona_id: int, old: list[int], new: list[int]) -> None:
        super().__init__("Link persona to ICPs")
        self._workspace = workspace
        self._id = persona_id
        self._old = list(old)
        self._new = list(new)

    def _apply(self, icp_ids: list[int]) -> None:
        self._workspace.write(lambda session: personas.set_persona_icps(session, self._id, icp_ids))
        self._workspace.personas_changed.emit([self._id])

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class SetCompanyFieldCommand(QUndoCommand):
    """Change one firmographic or the relationship of a company (see ``company_records.COMPANY_FIELDS``)."""

    def __init__(self, workspace: Workspace, company_id: int, name: str, old: str, new: str) -> None:
        super().__init__(f"Edit company {name.replace('_', ' ')}")
        self._workspace = workspace
        self._id = company_id
        self._name = name
        self._old = old
        self._new = new

    def _apply(self, value: str) -> None:
        self._workspace.write(
            lambda session: company_records.set_company_field(session, self._id, self._name, value)
        )
        self._workspace.companies_changed.emit()

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class AcceptSuggestionCommand(QUndoCommand):
    """Take a firmographic found in a transcript into its company and mark the suggestion accepted."""

    def __init__(self, workspace: Workspace, suggestion: company_records.SuggestionRow) -> None:
        super().__init__(f"Accept {suggestion.field.replace('_', ' ')} {suggestion.value}")
        self._workspace = workspace
        self._suggestion = suggestion
        self._old, self._new = workspace.read(
            lambda session: (
                company_records.company_field(session, suggestion.company_id, suggestion.target),
                company_records.accepted_value(session, suggestion),
            )
        )

    def _apply(self, value: str, status: str) -> None:
        suggestion = self._suggestion

        def change(session) -> None:
            company_records.set_company_field(session, suggestion.company_id, suggestion.target, value)
            company_records.set_suggestion_status(session, suggestion.id, status)

        self._workspace.write(change)
        self._workspace.companies_changed.emit()

    def redo(self) -> None:
        self._apply(self._new, "accepted")

    def undo(self) -> None:
        self._apply(self._old, self._suggestion.status)


class AddInsightCommand(QUndoCommand):
    """Add the consultant's own insight on words selected in a respondent's turn (accepted, origin user)."""

    def __init__(
        self, workspace: Workspace, interview_id: int, turn_id: int, start: int, end: int, kind: str
    ) -> None:
        super().__init__(f"Add {kind} insight")
        self._workspace = workspace
        self._interview_id = interview_id
        self._span = (turn_id, start, end, kind)
        self.insight_id: int | None = None

    def redo(self) -> None:
        with self._workspace.session() as session:
            self.insight_id = insights.add_user_insight(session, *self._span)
            session.commit()
        self._workspace.insights_changed.emit([self.insight_id])
        self._workspace.interview_changed.emit(self._interview_id)

    def undo(self) -> None:
        insight_id = self.insight_id
        if insight_id is None:
            return
        self._workspace.write(lambda session: insights.delete_insight(session, insight_id))
        self._workspace.insights_changed.emit([insight_id])
        self._workspace.interview_changed.emit(self._interview_id)


class SetInsightKindCommand(QUndoCommand):
    """Relabel one or more insights with another kind."""

    def __init__(self, workspace: Workspace, old: dict[int, str], new_kind: str) -> None:
        count = len(old)
        super().__init__(f"Change {'insight' if count == 1 else f'{count} insights'} to {new_kind}")
        self._workspace = workspace
        self._old = dict(old)
        self._new = dict.fromkeys(old, new_kind)

    def _apply(self, kinds: dict[int, str]) -> None:
        self._workspace.write(lambda session: insights.set_insight_kinds(session, kinds))
        self._workspace.insights_changed.emit(list(kinds))

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)
