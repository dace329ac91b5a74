"""The base of the workspace's section views: the workspace and the task runner they share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from desktop.tasks import TaskRunner
from desktop.workspace import Workspace


class WorkspaceView(QWidget):
    """A section of the open workspace: it reads in the background and reports problems in the status bar."""

    status_message = Signal(str)

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner

    def _load(
        self, key: str, query: Callable[[Session], Any], on_success: Callable[[Any], None], what: str
    ) -> None:
        """Run ``query`` off the GUI thread under ``key``; a failure says "Could not {what}"."""
        self._runner.run(
            key,
            lambda progress, cancel: self._workspace.read(query),
            on_success=on_success,
            on_failure=lambda message: self.status_message.emit(f"Could not {what}: {message}"),
        )
