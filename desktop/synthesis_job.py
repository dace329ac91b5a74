"""The desktop's adapter of the synthesis pipeline: "Extract insights" on the model lane (refreshing views
meanwhile) and "Redraft personas", which asks before it replaces drafts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine

from desktop.llm_settings import LlmSettings, choose_model, load_model_settings
from desktop.task_status import TaskStatus
from desktop.tasks import MODEL_LANE, TaskRunner
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.personas.synthesize import SynthesisReport
from synthesis.pipeline import SynthesisOutcome, extract_new_insights, preview_redraft, redraft_personas
from synthesis.tasks import Cancel, Progress

SYNTHESIS_KEY = "synthesis"
REDRAFT_KEY = "redraft"
PREVIEW_KEY = "redraft.preview"
REFRESH_INTERVAL_MS = 1500
"""While extraction runs, the views reload the stored results at most this often."""
CANCELLED_MESSAGE = "Extraction cancelled: what was stored is kept, and the next run resumes from there."
FIRST_STAGE = "Step 1 of 2 · Checking the model (capability probe)…"

ChooseFn = Callable[[LlmSettings, Cancel, Progress], LlmChoice]


class SynthesisJob(QObject):
    """Starts extraction with the model chosen in Models (saying why it leads or not), and redrafts."""

    choice_made = Signal(object)
    """The ``LlmChoice`` of a run (its reason and probe result), delivered on the GUI thread."""
    refresh_due = Signal()
    """Time to show what the running extraction has stored so far."""
    finished = Signal(object)
    """The ``SynthesisOutcome`` of an extraction that was not cancelled."""
    redrafted = Signal(object, str)
    """The ``SynthesisReport`` of a persona redraft that ran, and the message it follows (or "")."""

    def __init__(self, runner: TaskRunner, tasks: TaskStatus, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._tasks = tasks
        self._settings = settings
        self._parent = parent
        self.choose_model: ChooseFn = choose_model
        """How a run picks its extractor (tests substitute a fake backend)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh_due)
        tasks.progressed.connect(self._progressed)
        tasks.finished.connect(self._task_finished)

    def is_running(self) -> bool:
        return any(self._runner.is_busy(key) for key in (SYNTHESIS_KEY, REDRAFT_KEY, PREVIEW_KEY))

    def start(self, engine: Engine) -> None:
        """Extract insights from new or changed interviews in the background."""
        model_settings = load_model_settings(self._settings)
        choose = self.choose_model

        def run(progress, cancel) -> SynthesisOutcome:
            return extract_new_insights(
                engine,
                lambda cancel, progress: choose(model_settings, cancel, progress),
                on_reason=self.choice_made.emit,
                progress=progress,
                cancel=cancel,
            )

        self._tasks.start(
            SYNTHESIS_KEY, run, FIRST_STAGE, self._done, lane=MODEL_LANE, cancelled_message=CANCELLED_MESSAGE
        )

    def start_redraft(self, engine: Engine, *, ask: bool = True, lead: str = "") -> None:
        """Redraft personas; when drafts would be replaced, ask first (``ask=False``: then leave them and
        say so after ``lead``, the message the redraft follows)."""
        if ask:
            self._tasks.show_message("Comparing the drafts with the current insights…", 0)

        def decide(report: SynthesisReport) -> None:
            replaced = report.replaced_drafts()
            if replaced and not ask:
                self._tasks.show_message(
                    f"{lead} {len(replaced)} draft personas may be out of date: Tools → Redraft Personas "
                    "(Ctrl+Shift+R) updates them.".strip()
                )
                return
            if replaced and not confirm_redraft(self._parent, report):
                self._tasks.show_message("Personas left as they were.")
                return
            self._tasks.start(
                REDRAFT_KEY,
                lambda progress, cancel: redraft_personas(engine, progress=progress, cancel=cancel),
                "Drafting personas…",
                lambda result: self.redrafted.emit(result, lead),
                cancelled_message="Redraft cancelled: the personas are as they were.",
            )

        self._runner.run(
            PREVIEW_KEY,
            lambda progress, cancel: preview_redraft(engine, cancel=cancel),
            on_success=decide,
            on_failure=lambda message: self._tasks.show_message(f"Could not redraft the personas: {message}"),
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


def confirm_redraft(parent: QWidget, report: SynthesisReport) -> bool:
    """Ask before drafts are replaced; personas the user reviewed or edited are named as kept."""
    replaced = set(report.replaced_drafts())
    names = [p.name for p in report.personas if p.persona_id in replaced]
    removed = len(report.removed_persona_ids)
    created = sum(p.created for p in report.personas)
    kept = sum(p.protected for p in report.personas) + len(report.kept_persona_ids)
    lines = [f"{len(replaced)} draft personas will be replaced by drafts from the current insights."]
    if names:
        lines.append("Updated: " + ", ".join(names[:6]) + ("…" if len(names) > 6 else "") + ".")
    if removed:
        lines.append(f"{removed} drafts whose respondents are gone will be deleted.")
    if created:
        lines.append(f"{created} new personas will be drafted.")
    lines.append(
        f"{kept} personas you reviewed or edited stay exactly as they are."
        if kept
        else "Personas you mark as reviewed or edit are never changed by a redraft."
    )
    answer = QMessageBox.question(
        parent,
        "Redraft personas?",
        "\n".join(lines),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def redraft_summary(report: SynthesisReport) -> str:
    """One status-bar sentence on what a redraft did."""
    created = sum(p.created for p in report.personas)
    updated = sum(p.changed and not p.created for p in report.personas)
    kept = sum(p.protected for p in report.personas) + len(report.kept_persona_ids)
    parts = [f"{len(report.personas)} personas: {created} new, {updated} redrafted"]
    if report.removed_persona_ids:
        parts.append(f"{len(report.removed_persona_ids)} drafts removed")
    if kept:
        parts.append(f"{kept} reviewed or edited kept as they were")
    return "Personas redrafted: " + ", ".join(parts) + "."
