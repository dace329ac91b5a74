"""Delete and merge with confirmation, for the lists of interviews, companies, personas and ICPs.

The dialogs are window-modal and opened without blocking (``open``): Enter confirms, Escape cancels, and
the change is one undoable command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QDialog, QInputDialog, QMenu, QMessageBox, QWidget

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
    """Ask "Delete “label” with its N turns and M insights?"; Delete (the default: Enter) pushes it; then
    ``done``."""
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


class RecordActions(QObject):
    """Delete (the Delete key) and, for companies and personas, Merge into… (Ctrl+Shift+M) on a list or
    table of records, also in its context menu. ``current`` gives the chosen (id, label); ``candidates``
    every row."""

    def __init__(
        self,
        widget: QAbstractItemView,
        workspace: Workspace,
        undo_stack: QUndoStack,
        record: Record,
        current: Callable[[], tuple[int, str] | None],
        candidates: Callable[[], list[tuple[int, str]]] | None = None,
    ) -> None:
        super().__init__(widget)
        self._widget, self._workspace, self._undo_stack = widget, workspace, undo_stack
        self._record, self._current, self._candidates = record, current, candidates
        self.dialog: QDialog | None = None
        self.delete_action = self._action(f"&Delete {noun(record, 1)}…", QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete)
        self.actions = [self.delete_action]
        if candidates is not None:
            self.merge_action = self._action("&Merge into…", QKeySequence("Ctrl+Shift+M"))
            self.merge_action.triggered.connect(self.merge)
            self.actions.insert(0, self.merge_action)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self._menu)

    def _action(self, text: str, key: QKeySequence | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self._widget)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._widget.addAction(action)
        return action

    def delete(self) -> None:
        chosen = self._current()
        if chosen is not None:
            self.dialog = confirm_delete(
                self._widget, self._workspace, self._undo_stack, self._record, [chosen[0]], chosen[1]
            )

    def merge(self) -> None:
        chosen = self._current()
        if chosen is not None and self._candidates is not None:
            self.dialog = ask_merge(
                self._widget, self._workspace, self._undo_stack, self._record, chosen, self._candidates()
            )

    def _menu(self, position: QPoint) -> None:
        index = self._widget.indexAt(position)
        if not index.isValid():
            return
        self._widget.setCurrentIndex(index)
        menu = QMenu(self._widget)
        menu.addActions(self.actions)
        menu.popup(self._widget.viewport().mapToGlobal(position))
