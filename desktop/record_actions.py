"""Delete and merge with confirmation, for the lists of interviews, companies, personas and ICPs.

The dialogs are window-modal and opened without blocking (``open``): Enter confirms, Escape cancels, and
the change is one undoable command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.removal_commands import DeleteCommand, MergeCommand, noun
from desktop.workspace import Workspace
from synthesis.workspace.removal import Record

DEPENDANTS = (("turn", "turn", "turns"), ("insight", "insight", "insights"))
"""What goes with an interview, as the confirmation names it."""


def _what_goes(command: DeleteCommand) -> str:
    snapshot = command.snapshot
    parts = [
        f"{n} {one if n == 1 else many}" for table, one, many in DEPENDANTS if (n := snapshot.count(table))
    ]
    linked = sum(1 for ref in snapshot.nulled if ref.table == "interview")
    if linked:
        parts.append(f"its link to {linked} interview{'s' if linked != 1 else ''}")
    return f" with {' and '.join(parts)}" if parts else ""


def confirm_delete(
    parent: QWidget,
    workspace: Workspace,
    undo_stack: QUndoStack,
    record: Record,
    ids: list[int],
    label: str,
    done: Callable[[], None] | None = None,
) -> QMessageBox:
    """Ask "Delete “label” with its N turns and M insights?"; Delete (the default: Enter) pushes it."""
    command = DeleteCommand(workspace, record, ids, f"{noun(record, len(ids))} “{label}”")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        f"Delete {noun(record, len(ids))}",
        f"Delete {noun(record, len(ids))} “{label}”{_what_goes(command)}?\n\n"
        "Edit → Undo (Ctrl+Z) brings it back.",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    delete_button = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(delete_button)

    def finished() -> None:
        if box.clickedButton() is delete_button:
            undo_stack.push(command)
            if done is not None:
                done()

    box.finished.connect(finished)
    box.open()
    return box


def ask_merge(
    parent: QWidget,
    workspace: Workspace,
    undo_stack: QUndoStack,
    record: Record,
    merged: tuple[int, str],
    candidates: list[tuple[int, str]],
) -> QInputDialog | None:
    """Ask which row to merge ``merged`` (id, label) into; OK (Enter) pushes the merge."""
    names = [name for _i, name in candidates]
    others = [
        (i, name if names.count(name) == 1 else f"{name} (#{i})") for i, name in candidates if i != merged[0]
    ]
    if not others:
        return None
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(f"Merge {noun(record, 1)}")
    what = "its interviews move there" if record == "company" else "its insights and interviews move there"
    dialog.setLabelText(f"Merge “{merged[1]}” into ({what}; Ctrl+Z undoes):")
    dialog.setComboBoxItems([name for _i, name in others])
    dialog.setComboBoxEditable(False)
    dialog.setOkButtonText("&Merge")

    def chosen(name: str) -> None:
        keep_id = next(i for i, label in others if label == name)
        undo_stack.push(MergeCommand(workspace, record, keep_id, [merged[0]], name))

    dialog.textValueSelected.connect(chosen)
    dialog.open()
    return dialog
