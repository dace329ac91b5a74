""""Extract insights" reads only new or changed interviews; the model check is its own reported step."""

from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.database import create_workspace
from models.tables import ExtractionRun, Insight, RunChunk
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.extraction.lock import ExtractionBusy, extraction_lock
from synthesis.extraction.pipeline import Extractor
from synthesis.extraction.run import INVALID_REPLIES
from synthesis.importer import import_file
from synthesis.pipeline import extract_insights, extract_new_insights
from synthesis.workspace.interviews import set_speaker_role

FIRST = """Interviewer: What's the hardest part of your week?

Alex: Honestly, forecasting takes forever because the CRM data is always out of date.
"""
SECOND = """Interviewer: How do you evaluate tools?

Sam: Anything over ten thousand dollars needs sign-off from finance, and I hate chasing approvals.
"""


def _import(engine, folder: Path, name: str, text: str) -> int:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    interview_id = import_file(engine, path).interview_id
    assert interview_id is not None
    return interview_id


def _rules(_cancel, progress) -> LlmChoice:
    progress(0.5, "Capability probe: check 1 of 2")
    return LlmChoice(Extractor(), "rules only (test)")


def _chunks_read(engine, run_id: int) -> set[int]:
    with Session(engine) as session:
        return set(session.exec(select(RunChunk.interview_id).where(RunChunk.run_id == run_id)))


def test_a_second_run_skips_unchanged_interviews_and_reads_new_and_changed_ones(tmp_path: Path) -> None:
    engine = create_workspace(tmp_path / "ws.groundwork")
    first = _import(engine, tmp_path, "a.txt", FIRST)
    choice = _rules(lambda: False, lambda *_: None)
    run = extract_insights(engine, choice)
    assert (run.interviews, run.interviews_skipped) == (1, 0)

    again = extract_insights(engine, choice)
    assert (again.interviews, again.interviews_skipped, again.insights_stored) == (0, 1, 0)

    second = _import(engine, tmp_path, "b.txt", SECOND)
    third = extract_insights(engine, choice)
    assert (third.interviews, third.interviews_skipped) == (1, 1)
    assert _chunks_read(engine, third.run_id) == {second}

    with Session(engine) as session:  # a speaker's role changes: that interview is read again
        set_speaker_role(session, first, "Alex", "interviewer")
        session.commit()
    fourth = extract_insights(engine, choice)
    assert _chunks_read(engine, fourth.run_id) == {first}
    everything = extract_insights(engine, choice, everything=True)
    assert everything.interviews == 2 and everything.insights_stored == 0  # nothing is stored twice
    engine.dispose()


def test_extract_new_insights_reports_the_model_check_as_its_own_step(tmp_path: Path) -> None:
    engine = create_workspace(tmp_path / "ws.groundwork")
    _import(engine, tmp_path, "a.txt", FIRST)
    reports: list[tuple[float, str]] = []
    choices: list[LlmChoice] = []
    outcome = extract_new_insights(
        engine, _rules, on_reason=choices.append, progress=lambda f, s: reports.append((f, s))
    )
    assert [c.reason for c in choices] == ["rules only (test)"]
    step_one = [r for r in reports if r[1].startswith("Step 1 of 2 · ")]
    step_two = [r for r in reports if r[1].startswith("Step 2 of 2 · ")]
    assert step_one and step_two and len(step_one) + len(step_two) == len(reports)
    assert (0.5, "Step 1 of 2 · Capability probe: check 1 of 2") in step_one
    assert step_one[-1][0] == 1.0 and step_two[0][0] == 0.0  # each step fills the bar on its own
    assert outcome.completed and outcome.summary().startswith("Extraction finished: ")
    with Session(engine) as session:
        assert session.exec(select(Insight)).all()
    engine.dispose()


def test_a_run_that_counted_rejected_model_replies_still_counts_as_extracted(tmp_path: Path) -> None:
    engine = create_workspace(tmp_path / "ws.groundwork")
    _import(engine, tmp_path, "a.txt", FIRST)
    choice = _rules(lambda: False, lambda *_: None)
    run = extract_insights(engine, choice)
    with Session(engine) as session:  # what a run with schema failures keeps beside its settings
        stored = session.get(ExtractionRun, run.run_id)
        assert stored is not None
        stored.settings = {**stored.settings, INVALID_REPLIES: 2}
        session.add(stored)
        session.commit()
    again = extract_insights(engine, choice)
    assert (again.interviews, again.interviews_skipped) == (0, 1)
    engine.dispose()


def test_only_the_extraction_lock_holder_decides_which_interviews_are_new(tmp_path: Path) -> None:
    engine = create_workspace(tmp_path / "ws.groundwork")
    _import(engine, tmp_path, "a.txt", FIRST)
    choice = _rules(lambda: False, lambda *_: None)
    with extraction_lock(engine), pytest.raises(ExtractionBusy):
        extract_insights(engine, choice)
    with Session(engine) as session:
        assert session.exec(select(ExtractionRun)).all() == []
    assert extract_insights(engine, choice).interviews == 1
    engine.dispose()
