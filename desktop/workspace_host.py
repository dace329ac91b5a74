"""Opening and closing workspaces in the window: file dialogs, the recent list, the page and its splitters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMenu, QStackedWidget, QWidget

from desktop import settings as prefs
from desktop.start_page import StartPage
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from desktop.workspace_page import WorkspacePage
from synthesis.ingest import SUPPORTED_SUFFIXES
from synthesis.workspace.files import WORKSPACE_SUFFIX

WORKSPACE_FILTER = f"Groundwork workspaces (*{WORKSPACE_SUFFIX})"
TRANSCRIPT_FILTER = "Transcripts ({})".format(" ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES)))


def ask_new_workspace(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "New workspace", str(Path.home()), WORKSPACE_FILTER)
    if not path:
        return None
    return Path(path if path.endswith(WORKSPACE_SUFFIX) else path + WORKSPACE_SUFFIX)


def ask_workspace(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open workspace", str(Path.home()), WORKSPACE_FILTER)
    return Path(path) if path else None


def ask_transcripts(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import transcripts", str(Path.home()), TRANSCRIPT_FILTER)
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget) -> list[Path]:
    folder = QFileDialog.getExistingDirectory(parent, "Import a folder of transcripts", str(Path.home()))
    return [Path(folder)] if folder else []


class WorkspaceHost(QObject):
    """Shows the open workspace's page in the window's stack, or the start page; remembers recent files."""

    recent_chosen = Signal(Path)
    """A recent workspace was chosen on the start page or in the recent menu."""

    def __init__(
        self,
        stack: QStackedWidget,
        start_page: StartPage,
        runner: TaskRunner,
        undo_stack: QUndoStack,
        settings: QSettings,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._stack, self._start_page = stack, start_page
        self._runner, self._undo_stack, self._settings = runner, undo_stack, settings
        self.workspace: Workspace | None = None
        self.page: WorkspacePage | None = None
        self.recent_menu: QMenu | None = None
        start_page.recent_chosen.connect(self.recent_chosen)

    def open(self, path: Path, *, create: bool = False) -> Workspace:
        """Open (or create) the file, replacing the open workspace; raises ``WorkspaceError``."""
        workspace = Workspace.create(path) if create else Workspace.open(path)
        self.close()
        workspace.setParent(self)
        self.workspace = workspace
        self.page = WorkspacePage(workspace, self._runner, self._undo_stack, self._settings)
        for splitter in self.page.splitters():
            splitter.restoreState(
                QByteArray(self._settings.value(f"splitters/{splitter.objectName()}", QByteArray()))
            )
        self._stack.addWidget(self.page)
        self._stack.setCurrentWidget(self.page)
        prefs.remember_workspace(self._settings, workspace.path)
        self.refresh_recent()
        return workspace

    def close(self) -> bool:
        """Close the open workspace (False when there was none)."""
        if self.workspace is None or self.page is None:
            return False
        self._runner.shutdown()
        for splitter in self.page.splitters():
            self._settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        self._undo_stack.clear()
        self._stack.removeWidget(self.page)
        self.page.deleteLater()
        self.workspace.close()
        self.workspace.deleteLater()
        self.page = None
        self.workspace = None
        self._stack.setCurrentWidget(self._start_page)
        self.refresh_recent()
        return True

    def refresh_recent(self) -> None:
        """Show the recent workspaces on the start page and in the recent menu; choosing one opens it."""
        recent = prefs.recent_workspaces(self._settings)
        self._start_page.set_recent(recent)
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        for path in recent:
            action = self.recent_menu.addAction(path.name, lambda p=path: self.recent_chosen.emit(p))
            action.setToolTip(str(path))
        self.recent_menu.setEnabled(bool(recent))
