"""The status bar's task area: one user-visible task at a time, with a progress bar and a Cancel button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.tasks import DB_LANE, TaskFn, TaskHandle, TaskRunner

OnSuccess = Callable[[Any], None]
"""Receives a task's result on the GUI thread."""
MESSAGE_MS = 8000
"""How long a status message stays by default."""


class TaskStatus(QObject):
    """Starts work on the runner and shows its stage, progress and Cancel in the status bar."""

    progressed = Signal(str)
    """The key of the current task, each time it reports progress."""
    finished = Signal(str)
    """The key of the current task, once it succeeded, failed or was cancelled."""

    def __init__(self, runner: TaskRunner, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status_bar = status_bar
        self._window = parent
        self._task: TaskHandle | None = None
        self._cancelled_message = "Cancelled."
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.progress_bar)
        status_bar.addPermanentWidget(self.cancel_button)
        self.progress_bar.hide()
        self.cancel_button.hide()

    def start(
        self,
        key: str,
        fn: TaskFn,
        stage: str,
        on_success: OnSuccess,
        *,
        lane: str = DB_LANE,
        cancelled_message: str = "Cancelled.",
    ) -> None:
        """Run user-visible work; failures go to a dialog, cancellation to ``cancelled_message``."""
        self._task = self._runner.run(
            key,
            fn,
            on_success=on_success,
            on_failure=self._failed,
            on_progress=self._progress,
            lane=lane,
        )
        if self._task.done:  # a synchronous runner has already finished it
            self._task = None
            return
        self._cancelled_message = cancelled_message
        self._task.cancelled.connect(lambda: self.show_message(self._cancelled_message))
        self._task.finished.connect(self._finished)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.show_message(stage, 0)

    def cancel(self) -> None:
        if self._task is not None and not self._task.done:
            self._task.cancel()
            self.show_message("Cancelling…", 0)

    def show_message(self, text: str, timeout_ms: int = MESSAGE_MS) -> None:
        self._status_bar.showMessage(text, timeout_ms)

    def _progress(self, fraction: float, stage: str) -> None:
        self.progress_bar.setValue(round(fraction * 1000))
        self.show_message(stage, 0)
        if self._task is not None:
            self.progressed.emit(self._task.key)

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self._window, "The task failed", message)

    def _finished(self) -> None:
        key = self._task.key if self._task is not None else ""
        self._task = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.finished.emit(key)
