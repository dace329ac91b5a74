"""The review keys and context menu shared by every place an insight is shown.

A accept, R reject, E edit, K change kind, Delete delete: the same ``QAction``s on the insight table, the
interview's insight list and its transcript. After A, R or Delete the view moves to the next insight. The
views only say which insights are picked and how to move on; every change is an undoable command whose
``Workspace.insights_changed`` signal refreshes all views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QListWidget, QMenu, QTableView, QWidget

from desktop.commands import SetInsightKindCommand, SetInsightStatusCommand
from desktop.kinds import kind_label
from desktop.removal_commands import DeleteCommand
from desktop.workspace import Workspace
from synthesis.workspace.insights import InsightKind


@dataclass(frozen=True)
class Picked:
    """An insight the user picked in a view."""

    id: int
    kind: str
    status: str


class InsightHost(Protocol):
    """What a view tells the shared actions."""

    def picked_insights(self) -> list[Picked]: ...

    def next_insight(self) -> int | None:
        """The insight to move to once the picked ones are decided (computed before the change)."""

    def go_to_insight(self, insight_id: int) -> None: ...

    def edit_insight(self) -> None:
        """Start editing the current insight's statement."""

    def menu_position(self) -> QPoint:
        """Where (global) the change-kind menu opens when K is pressed."""

    def report(self, message: str) -> None: ...


class InsightActions(QObject):
    """Accept, Reject, Edit, Change kind and Delete on the insights a view has picked."""

    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, host: InsightHost, widgets: list[QWidget]
    ) -> None:
        super().__init__(widgets[0])
        self._workspace = workspace
        self._undo_stack = undo_stack
        self._host = host
        self.accept_action = self._action("&Accept", ["A"], lambda: self.set_status("accepted"))
        self.reject_action = self._action("&Reject", ["R"], lambda: self.set_status("rejected"))
        self.edit_action = self._action("&Edit", ["E"], host.edit_insight)
        self.kind_action = self._action("Change &kind…", ["K"], self.ask_kind)
        self.delete_action = self._action("&Delete", ["Del"], self.delete)
        self.actions = [self.accept_action, self.reject_action, self.edit_action, self.kind_action]
        self.actions.append(self.delete_action)
        for widget in widgets:
            widget.addActions(self.actions)
        self.kind_menu: QMenu | None = None

    def _action(self, text: str, keys: list[str], slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} the selected insights ({keys[0]})")
        action.triggered.connect(slot)
        return action

    def set_enabled(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)

    def set_status(self, status: str) -> None:
        """Accept or reject every picked insight in one undoable step, then move on."""
        picked = self._host.picked_insights()
        old = {p.id: p.status for p in picked if p.status != status}
        if not picked:
            self._host.report("Select the insights to change first.")
            return
        target = self._host.next_insight()
        if old:
            self._undo_stack.push(SetInsightStatusCommand(self._workspace, old, status))
        self._host.report(f"{len(picked)} insight{'s' if len(picked) != 1 else ''} {status}.")
        if target is not None:
            self._host.go_to_insight(target)

    def set_kind(self, kind: str) -> None:
        old = {p.id: p.kind for p in self._host.picked_insights() if p.kind != kind}
        if old:
            self._undo_stack.push(SetInsightKindCommand(self._workspace, old, kind))
            self._host.report(f"{len(old)} insight{'s' if len(old) != 1 else ''} now {kind_label(kind)}.")

    def delete(self) -> None:
        ids = [p.id for p in self._host.picked_insights()]
        if not ids:
            self._host.report("Select the insights to delete first.")
            return
        target = self._host.next_insight()
        self._undo_stack.push(DeleteCommand(self._workspace, "insight", ids))
        self._host.report(f"{len(ids)} insight{'s' if len(ids) != 1 else ''} deleted (Ctrl+Z to undo).")
        if target is not None:
            self._host.go_to_insight(target)

    def kinds_menu(self, parent: QWidget | None = None) -> QMenu:
        """One entry per kind, with its first letter as mnemonic; the current kind is checked."""
        menu = QMenu("Change &kind", parent)
        kinds = {p.kind for p in self._host.picked_insights()}
        for kind in InsightKind:
            action = menu.addAction(f"&{kind_label(kind)}", lambda kind=kind: self.set_kind(str(kind)))
            action.setCheckable(True)
            action.setChecked(kinds == {str(kind)})
        menu.setEnabled(bool(kinds))
        return menu

    def ask_kind(self) -> None:
        """K: a menu of kinds at the current insight (type the kind's first letter)."""
        if not self._host.picked_insights():
            self._host.report("Select the insights to relabel first.")
            return
        self.kind_menu = self.kinds_menu()
        self.kind_menu.popup(self._host.menu_position())

    def context_menu(self, parent: QWidget) -> QMenu:
        """Accept, Reject, Edit, Change kind and Delete for the picked insights (views may add more)."""
        menu = QMenu(parent)
        menu.addActions([self.accept_action, self.reject_action, self.edit_action])
        menu.addMenu(self.kinds_menu(menu))
        menu.addSeparator()
        menu.addAction(self.delete_action)
        return menu


class ReviewTable(QTableView):
    """A table whose letter keys are review commands, not Qt's type-to-find."""

    def keyboardSearch(self, search: str) -> None:
        """Off: type-to-find would steal A, R, E and K."""


class ReviewList(QListWidget):
    """A list whose letter keys are review commands, not Qt's type-to-find."""

    def keyboardSearch(self, search: str) -> None:
        """Off: type-to-find would steal A, R, E and K."""
