"""The main window's actions, menus and toolbar (navigation between sections included)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from desktop.export_dialog import export_report_interactively
from desktop.navigation import LABELS, SECTIONS

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class WindowActions(QObject):
    """Every menu and toolbar action of the window; those needing a workspace are enabled with one."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._build_file_actions(window)
        self._build_edit_actions(window)
        self._build_tool_actions(window)

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_file_actions(self, w: MainWindow) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New Workspace…", w.new_workspace, keys.New)
        self.open_action = self._action("&Open Workspace…", w.open_workspace, keys.Open)
        self.import_action = self._action("&Import Transcripts…", w.import_files, "Ctrl+I")
        self.import_folder_action = self._action("Import &Folder…", w.import_folder, "Ctrl+Shift+I")
        self.export_action = self._action(
            "&Export Report…", lambda: export_report_interactively(w), "Ctrl+Shift+E"
        )
        self.close_action = self._action("&Close Workspace", w.close_workspace, keys.Close)
        self.quit_action = self._action("&Quit", w.close, keys.Quit)

    def _build_edit_actions(self, w: MainWindow) -> None:
        self.undo_action = w.undo_stack.createUndoAction(w, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = w.undo_stack.createRedoAction(w, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        find = QKeySequence.StandardKey.Find
        self.search_action = self._action("&Search Transcripts", w.focus_search, find)
        self.section_actions = [
            self._action(f"&{LABELS[section]}", lambda s=section: w.show_section(s), f"Ctrl+{n}")
            for n, section in enumerate(SECTIONS, start=1)
        ]

    def _build_tool_actions(self, w: MainWindow) -> None:
        self.synthesis_action = self._action("Run &Synthesis", w.run_synthesis, "Ctrl+R")
        self.synthesis_action.setToolTip(
            "Extract insights from every interview with the chosen model, then draft personas"
        )
        self.models_action = self._action("&Models…", lambda: w.show_section("models"), "Ctrl+M")
        self.about_action = self._action("&About Groundwork", w.show_about)
        self.log_action = self._action("Show &Log File", w.show_log)

    def build_menus(self) -> QMenu:
        """Fill the window's menu bar; returns the File menu's "Open Recent" submenu."""
        bar = self._window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.import_folder_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addActions([self.close_action, self.quit_action])
        bar.addMenu("&Edit").addActions([self.undo_action, self.redo_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions(self.section_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.search_action)
        bar.addMenu("&Tools").addActions([self.synthesis_action, self.models_action])
        bar.addMenu("&Help").addActions([self.log_action, self.about_action])
        self._build_toolbar(view_menu)
        return recent_menu

    def _build_toolbar(self, view_menu: QMenu) -> None:
        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_action, self.open_action, self.import_action, self.synthesis_action])
        self._window.addToolBar(toolbar)
        view_menu.addAction(toolbar.toggleViewAction())

    def set_workspace_open(self, has_workspace: bool) -> None:
        for action in (
            self.import_action,
            self.import_folder_action,
            self.export_action,
            self.close_action,
            self.search_action,
            self.synthesis_action,
            self.models_action,
            *self.section_actions,
        ):
            action.setEnabled(has_workspace)
