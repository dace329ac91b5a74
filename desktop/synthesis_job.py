"""The desktop's adapter of the synthesis pipeline: runs it on the model lane, refreshing views meanwhile."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from sqlalchemy import Engine

from desktop.llm_settings import LlmSettings, choose_model, load_model_settings
from desktop.task_status import TaskStatus
from desktop.tasks import MODEL_LANE, TaskRunner
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.pipeline import SynthesisOutcome, run_synthesis
from synthesis.tasks import Cancel

SYNTHESIS_KEY = "synthesis"
REFRESH_INTERVAL_MS = 1500
"""While synthesis runs, the views reload the stored results at most this often."""
CANCELLED_MESSAGE = "Synthesis cancelled: what was stored is kept, and the next run resumes from there."


class SynthesisJob(QObject):
    """Starts ``run_synthesis`` with the model chosen in Models; says why the model leads or not."""

    reason_found = Signal(str)
    """Why the model leads extraction or not; emitted from the worker, delivered on the GUI thread."""
    refresh_due = Signal()
    """Time to show what the running synthesis has stored so far."""
    finished = Signal(object)
    """The ``SynthesisOutcome`` of a run that was not cancelled."""

    def __init__(self, runner: TaskRunner, tasks: TaskStatus, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self._runner = runner
        self._tasks = tasks
        self._settings = settings
        self.choose_model: Callable[[LlmSettings, Cancel], LlmChoice] = choose_model
        """How a run picks its extractor (tests substitute a fake backend)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh_due)
        tasks.progressed.connect(self._progressed)
        tasks.finished.connect(self._task_finished)

    def is_running(self) -> bool:
        return self._runner.is_busy(SYNTHESIS_KEY)

    def start(self, engine: Engine) -> None:
        """Extract insights and draft personas in the background."""
        model_settings = load_model_settings(self._settings)
        choose = self.choose_model

        def run(progress, cancel) -> SynthesisOutcome:
            return run_synthesis(
                engine,
                lambda cancel: choose(model_settings, cancel),
                on_reason=self.reason_found.emit,
                progress=progress,
                cancel=cancel,
            )

        self._tasks.start(
            SYNTHESIS_KEY,
            run,
            "Starting synthesis…",
            self._done,
            lane=MODEL_LANE,
            cancelled_message=CANCELLED_MESSAGE,
        )

    def _progressed(self, key: str) -> None:
        if key == SYNTHESIS_KEY and not self._timer.isActive():
            self._timer.start()

    def _task_finished(self, key: str) -> None:
        if key == SYNTHESIS_KEY and self._timer.isActive():
            self._timer.stop()
            self.refresh_due.emit()

    def _done(self, outcome: SynthesisOutcome) -> None:
        self._timer.stop()
        self.finished.emit(outcome)
