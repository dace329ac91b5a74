"""Undoable deletes and merges, and a persona made by hand: each keeps the snapshot its undo restores."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import Session

from desktop.workspace import Workspace
from synthesis.workspace import removal
from synthesis.workspace.removal import Record, RestoreConflict
from synthesis.workspace.snapshots import Snapshot

NOUNS: dict[str, tuple[str, str]] = {
    "interview": ("interview", "interviews"),
    "insight": ("insight", "insights"),
    "company": ("company", "companies"),
    "persona": ("persona", "personas"),
    "icp": ("ICP", "ICPs"),
}


def noun(record: str, count: int) -> str:
    """``interview``, ``3 interviews``…"""
    one, many = NOUNS[record]
    return one if count == 1 else f"{count} {many}"


def announce(workspace: Workspace, record: str, ids: list[int], snapshot: Snapshot | None = None) -> None:
    """Tell the views that rows of ``record`` (and whatever follows them) changed."""
    if record == "interview":
        workspace.contents_changed.emit()
    elif record == "insight":
        workspace.insights_changed.emit(ids)
    elif record == "persona":
        workspace.personas_changed.emit(ids)
    else:
        workspace.companies_changed.emit()
        for ref in snapshot.nulled if snapshot else ():
            if ref.table == "interview":
                workspace.interview_changed.emit(ref.key[0])


def restored(command: QUndoCommand, workspace: Workspace, change: Callable[[Session], None]) -> bool:
    """Run an undo that brings rows back; if rows added since are in the way, say so and drop the command
    from the stack (marked obsolete, so a redo can never delete the newer rows)."""
    try:
        workspace.write(change)
    except RestoreConflict as conflict:
        command.setObsolete(True)
        QMessageBox.warning(QApplication.activeWindow(), "Cannot undo", f"Could not undo: {conflict}.")
        return False
    return True


class DeleteCommand(QUndoCommand):
    """Delete rows with everything depending on them; undo puts back exactly what was deleted."""

    def __init__(self, workspace: Workspace, record: Record, ids: list[int], label: str = "") -> None:
        super().__init__(f"Delete {label or noun(record, len(ids))}")
        self._workspace = workspace
        self._record = record
        self._ids = list(ids)
        self.snapshot: Snapshot = workspace.read(lambda session: removal.deletion(session, record, ids))

    def redo(self) -> None:
        self._workspace.write(lambda session: removal.delete(session, self._record, self._ids))
        announce(self._workspace, self._record, self._ids, self.snapshot)

    def undo(self) -> None:
        if restored(self, self._workspace, lambda session: removal.undo_delete(session, self.snapshot)):
            announce(self._workspace, self._record, self._ids, self.snapshot)


class MergeCommand(QUndoCommand):
    """Merge companies or personas into one kept row; undo restores all of them as they were."""

    def __init__(
        self, workspace: Workspace, record: Record, keep_id: int, merged_ids: list[int], label: str
    ) -> None:
        if record not in ("company", "persona"):
            raise ValueError(f"only companies and personas merge, not {record}")
        super().__init__(f"Merge {noun(record, len(merged_ids))} into {label}")
        self._workspace = workspace
        self._record = record
        self._keep = keep_id
        self._merged = [i for i in merged_ids if i != keep_id]
        self.snapshot: Snapshot | None = None

    def redo(self) -> None:
        merge = removal.merge_companies if self._record == "company" else removal.merge_personas

        def change(session) -> None:
            self.snapshot = merge(session, self._keep, self._merged)

        self._workspace.write(change)
        announce(self._workspace, self._record, [self._keep, *self._merged], self.snapshot)

    def undo(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        if restored(self, self._workspace, lambda session: removal.undo_merge(session, snapshot)):
            announce(self._workspace, self._record, [self._keep, *self._merged], snapshot)


class CreatePersonaCommand(QUndoCommand):
    """Add a persona by hand (a draft with only a name)."""

    def __init__(self, workspace: Workspace, name: str) -> None:
        super().__init__(f"New persona {name.strip()}")
        self._workspace = workspace
        self._name = name
        self.persona_id: int | None = None
        self._snapshot: Snapshot | None = None

    def redo(self) -> None:
        snapshot = self._snapshot

        def change(session) -> None:
            if snapshot is None:
                self.persona_id = removal.create_persona(session, self._name)
            else:
                removal.undo_delete(session, snapshot)

        self._workspace.write(change)
        self._workspace.personas_changed.emit([self.persona_id])

    def undo(self) -> None:
        persona_id = self.persona_id
        if persona_id is None:
            return

        def change(session) -> None:
            self._snapshot = removal.delete(session, "persona", [persona_id])

        self._workspace.write(change)
        self._workspace.personas_changed.emit([persona_id])
