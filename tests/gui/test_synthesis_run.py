"""Synthesis in the background on the fake backend: progress, results while running, Cancel, resume."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from models.tables import ExtractionRun, Insight, RunStatus
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.extraction.pipeline import Extractor
from synthesis.llm.base import LlmCancelled
from synthesis.llm.fake import FakeBackend
from synthesis.pipeline import SynthesisOutcome

EMPTY_REPLY = '{"insights": []}'


class SlowFake(FakeBackend):
    """Answers every chunk with no insights after ``delay`` seconds, watching for Cancel meanwhile."""

    def __init__(self, delay: float) -> None:
        super().__init__(context_size=2048)
        self.delay = delay

    def _generate(self, request):
        deadline = time.monotonic() + self.delay
        while time.monotonic() < deadline:
            if request.cancel():
                raise LlmCancelled("cancelled while thinking")
            time.sleep(0.01)
        self.enqueue(EMPTY_REPLY)
        return super()._generate(request)


def fake_choice(delay: float):
    def choose(_settings, _cancel) -> LlmChoice:
        return LlmChoice(Extractor(SlowFake(delay), llm_led=True), "fake model: model-led (test)")

    return choose


@pytest.fixture
def threaded(qtbot, settings, sample_path: Path) -> MainWindow:
    window = MainWindow(settings, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace_path(sample_path)
    qtbot.waitUntil(lambda: window.page.insights.model.rowCount() == stored_insights(window), timeout=10000)
    return window


def stored_insights(window: MainWindow) -> int:
    with Session(window.workspace.engine) as session:
        return len(session.exec(select(Insight)).all())


def latest_run(window: MainWindow) -> ExtractionRun:
    with Session(window.workspace.engine) as session:
        return session.exec(select(ExtractionRun).order_by(col(ExtractionRun.id).desc())).first()


def test_synthesis_shows_progress_and_results_then_cancels_and_resumes(qtbot, threaded: MainWindow) -> None:
    window = threaded
    before = stored_insights(window)
    window.synthesis.choose_model = fake_choice(0.1)
    assert window.menu_actions.synthesis_action.isEnabled()
    window.menu_actions.synthesis_action.trigger()
    assert window.tasks.progress_bar.isVisible() and window.tasks.cancel_button.isVisible()
    qtbot.waitUntil(lambda: "Extracting chunk 3 of" in window.statusBar().currentMessage(), timeout=10000)
    assert "tok/s" in window.statusBar().currentMessage() and "ETA" in window.statusBar().currentMessage()
    assert window.tasks.progress_bar.value() > 0
    assert "fake model" in window.model_label.toolTip()
    assert window.page.models.reason_label.text() == "fake model: model-led (test)"
    # stored results show up while the run goes on
    qtbot.waitUntil(lambda: window.page.insights.model.rowCount() > before, timeout=10000)
    assert window.runner.is_busy("synthesis")

    window.tasks.cancel_button.click()
    qtbot.waitUntil(lambda: not window.runner.is_busy("synthesis"), timeout=10000)
    assert not window.tasks.progress_bar.isVisible()
    assert window.statusBar().currentMessage().startswith("Synthesis cancelled")
    cancelled = latest_run(window)
    assert cancelled.status == RunStatus.CANCELLED
    assert 0 < cancelled.chunks_done < cancelled.chunks_total  # stopped part-way, not run to the end

    window.synthesis.choose_model = fake_choice(0.0)
    with qtbot.waitSignal(window.synthesis_finished, timeout=30000) as blocker:
        window.menu_actions.synthesis_action.trigger()
    outcome: SynthesisOutcome = blocker.args[0]
    assert outcome.extraction.run_id == cancelled.id
    assert outcome.extraction.status == RunStatus.COMPLETED
    assert outcome.extraction.chunks_skipped == cancelled.chunks_done
    assert outcome.personas is not None and outcome.personas.personas
    assert latest_run(window).status == RunStatus.COMPLETED
    assert window.statusBar().currentMessage().startswith("Synthesis finished:")
    qtbot.waitUntil(lambda: window.page.personas.persona_list.count() > 0, timeout=10000)


def test_synthesis_reports_why_the_model_does_not_lead(window: MainWindow, sample_path: Path) -> None:
    assert window.open_workspace_path(sample_path)
    window.synthesis.choose_model = lambda _settings, _cancel: LlmChoice(
        Extractor(), "tiny.gguf: capability probe did not pass (score 0.20); extraction uses rules only"
    )
    window.run_synthesis()
    assert window.model_label.toolTip().endswith("extraction uses rules only")
    assert "extraction uses rules only" in window.page.models.reason_label.text()
    assert latest_run(window).status == RunStatus.COMPLETED
