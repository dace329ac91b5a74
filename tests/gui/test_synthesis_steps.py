"""Extract Insights and Redraft Personas as separate actions: the model check as its own step, only new
interviews read, drafts replaced only when the user says so, and no stale screen afterwards."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlmodel import Session, select

from desktop.llm_settings import LlmSettings, save_model_settings
from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from models.tables import Persona
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.extraction.pipeline import Extractor
from synthesis.llm.probe import ProbeResult
from tests.gui.sample import import_samples

FAILED_PROBE = ProbeResult(
    score=0.2,
    label_accuracy=0.25,
    quote_accuracy=0.0,
    passed=False,
    reasons=["labels 25% right"],
    model_sha256="abc",
    prompt_version="1+1",
    elapsed_seconds=14.0,
)
REASON = "tiny.gguf: capability probe did not pass (score 0.20); extraction uses rules only"


def probing_rules(delay: float = 0.0):
    """A model choice that reports 16 probe checks (``delay`` seconds each), then extracts with rules."""

    def choose(_settings, cancel, progress) -> LlmChoice:
        for done in range(1, 17):
            time.sleep(delay)
            progress(done / 16, f"Capability probe of tiny.gguf: check {done} of 16 (why it runs)")
        return LlmChoice(Extractor(), REASON, FAILED_PROBE, "tiny.gguf")

    return choose


class Questions:
    """Records the questions asked and gives ``reply`` as the user's answer."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.reply = QMessageBox.StandardButton.No

    def __call__(self, _parent, title, text, *_args, **_kwargs) -> QMessageBox.StandardButton:
        self.asked.append((title, text))
        return self.reply


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    recorder = Questions()
    monkeypatch.setattr(QMessageBox, "question", recorder)
    return recorder


def personas(window: MainWindow) -> dict[int, tuple[str, str]]:
    with Session(window.workspace.engine) as session:
        return {p.id: (p.summary, p.status) for p in session.exec(select(Persona))}


def test_the_model_check_is_its_own_step_and_the_models_page_shows_its_result(
    qtbot, settings, sample_path: Path, tmp_path: Path
) -> None:
    model_file = tmp_path / "tiny.gguf"
    model_file.write_bytes(b"GGUF never probed on this machine")
    save_model_settings(settings, LlmSettings(model_path=str(model_file)))
    window = MainWindow(settings, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace_path(sample_path)
    window.show_section("models")
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10000)
    assert "has not been run" in window.page.models.probe_label.text()
    window.synthesis.choose_model = probing_rules(0.05)
    window.menu_actions.synthesis_action.trigger()
    qtbot.waitUntil(
        lambda: "Step 1 of 2 · Capability probe of tiny.gguf: check" in window.statusBar().currentMessage(),
        timeout=10000,
    )
    qtbot.waitUntil(lambda: window.tasks.progress_bar.value() > 0, timeout=10000)
    qtbot.waitUntil(lambda: not window.synthesis.is_running(), timeout=30000)
    probe_text = window.page.models.probe_label.text()
    assert "did not pass" in probe_text and "has not been run" not in probe_text
    assert "Used by the last synthesis run" in probe_text
    assert window.page.models.reason_label.text() == REASON
    window.close()


def test_extract_reads_only_new_interviews_and_the_open_interview_shows_its_highlights(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.open_workspace_path(tmp_path / "new.groundwork", create=True)
    assert window.windowTitle() == "new — Groundwork"
    assert window.page.hint.isVisible() and "Import transcripts to begin" in window.page.hint.text()
    import_samples(window.workspace.engine)
    window.workspace.contents_changed.emit()
    assert "Extract Insights (Ctrl+R)" in window.page.hint.text()
    window.page.open_interview(1)
    assert not window.page.interviews.detail.highlights
    window.synthesis.choose_model = probing_rules()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    # the open interview shows its new highlights at once, without being chosen again
    assert window.page.interviews.detail.highlights
    assert "insight:" in window.page.interviews.browser.toHtml()
    assert not window.page.hint.isVisible()
    assert "Personas redrafted" in window.statusBar().currentMessage()  # nothing to replace: no question

    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "nothing new: all 8 interviews were already extracted" in window.statusBar().currentMessage()


def test_redraft_asks_before_replacing_drafts_and_keeps_reviewed_personas(
    qtbot, synthesised_window: MainWindow, questions: Questions
) -> None:
    window = synthesised_window
    before = personas(window)
    assert len(before) >= 2
    draft_id, reviewed_id = sorted(before)[:2]
    with Session(window.workspace.engine) as session:  # the drafts are out of date; one was reviewed
        for persona_id in (draft_id, reviewed_id):
            persona = session.get(Persona, persona_id)
            persona.summary = "An older draft."
            persona.status = "reviewed" if persona_id == reviewed_id else "draft"
        session.commit()

    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_R, ctrl_shift)
    [(title, text)] = questions.asked
    assert title == "Redraft personas?"
    assert "1 draft personas will be replaced" in text
    assert "1 personas you reviewed or edited stay exactly as they are" in text
    assert window.statusBar().currentMessage() == "Personas left as they were."
    assert personas(window)[draft_id][0] == "An older draft."

    questions.reply = QMessageBox.StandardButton.Yes
    window.menu_actions.redraft_action.trigger()
    after = personas(window)
    assert after[draft_id][0] == before[draft_id][0]  # redrafted from the insights
    assert after[reviewed_id] == ("An older draft.", "reviewed")  # never touched
    assert window.statusBar().currentMessage().startswith("Personas redrafted:")
    assert "1 reviewed or edited kept as they were" in window.statusBar().currentMessage()
