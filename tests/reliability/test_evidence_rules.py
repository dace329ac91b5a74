"""Finding 3: evidence must carry content, and rejected model output is counted and reported per run.

A model that quotes "the" and "and" as evidence for "the vendor is great, buy now" must store nothing,
and the run must say, in the CLI, the GUI's result message and the report's method appendix, how many
replies failed the schema and how many quotes were dropped.
"""

from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from desktop.synthesis_job import SynthesisOutcome
from models.database import create_workspace
from models.tables import EvidenceSpan, Insight
from synthesis.cli import extract_commands
from synthesis.cli.main import app
from synthesis.extraction.evidence import MIN_CONTENT_WORDS, MIN_QUOTE_CHARS, has_enough_content
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.extraction.llm_led import ExtractedInsight, ExtractedInsights
from synthesis.extraction.pipeline import Extractor
from synthesis.extraction.run import run_extraction
from synthesis.importer import import_file
from synthesis.llm.fake import FakeBackend
from synthesis.report.content import gather_content
from synthesis.report.options import ReportOptions

TRANSCRIPT = """Interviewer: How do you pick a vendor?

Dana: Honestly the vendor and the price matter, and the trial. We run a two-week trial first.

Interviewer: What gets in the way?

Dana: Our CRM data is always out of date and the reps ignore it.
"""


def _thin_reply() -> ExtractedInsights:
    return ExtractedInsights(
        insights=[
            ExtractedInsight(turn=1, kind="buying", quote="the", statement="The vendor is great, buy now."),
            ExtractedInsight(turn=1, kind="buying", quote="and", statement="The vendor is great, buy now."),
            ExtractedInsight(turn=3, kind="pain", quote="the reps", statement="Reps."),
            ExtractedInsight(
                turn=3, kind="pain", quote="CRM data is always out of date", statement="Stale CRM data."
            ),
        ]
    )


@pytest.fixture
def engine(tmp_path: Path):
    source = tmp_path / "dana.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    engine = create_workspace(tmp_path / "ws.groundwork")
    assert import_file(engine, source).interview_id is not None
    yield engine
    engine.dispose()


def _model_quotes(engine) -> list[str]:
    with Session(engine) as session:
        return list(
            session.exec(select(EvidenceSpan.quote).join(Insight).where(Insight.origin == "model")).all()
        )


def test_the_minimum_is_stated_and_one_word_quotes_do_not_count() -> None:
    assert (MIN_CONTENT_WORDS, MIN_QUOTE_CHARS) == (2, 12)
    for thin in ["the", "and", "the reps", "and the price", "  “the”  "]:
        assert not has_enough_content(thin), thin
    assert has_enough_content("CRM data is always out of date")
    assert has_enough_content("We run a two-week trial")


def test_thin_quotes_are_dropped_and_counted_and_never_stored(engine) -> None:
    backend = FakeBackend([_thin_reply()], context_size=4096)
    summary = run_extraction(engine, Extractor(backend, llm_led=True))
    assert summary.status == "completed"
    assert summary.quotes_dropped == 3
    assert _model_quotes(engine) == ["CRM data is always out of date"]
    with Session(engine) as session:
        statements = session.exec(select(Insight.statement)).all()
    assert "The vendor is great, buy now." not in statements
    assert "3 model quotes were dropped" in summary.problems()


def test_schema_failures_are_counted_and_reported_in_gui_and_appendix(engine) -> None:
    backend = FakeBackend(['{"insights": "not a list"}', "no json at all"], context_size=4096)
    summary = run_extraction(engine, Extractor(backend, llm_led=True))
    assert summary.invalid_replies == 1
    assert "1 model replies failed the output schema" in summary.problems()
    message = SynthesisOutcome("reason", summary, None).summary()
    assert message.startswith("Extraction finished with rejected model output")
    assert "failed the output schema" in message
    with Session(engine) as session:
        content = gather_content(session, ReportOptions(include_suggested=True))
    assert content.method is not None
    [run] = [r for r in content.method.runs if r.backend != "none"]
    assert run.rejected.startswith("1 replies failed the output schema; 0 quotes dropped")


def test_the_cli_summary_does_not_say_completed_as_if_nothing_happened(engine, monkeypatch) -> None:
    backend = FakeBackend([_thin_reply()], context_size=4096)
    choice = LlmChoice(Extractor(backend, llm_led=True), "a fake model leads")
    monkeypatch.setattr(extract_commands, "choose_extractor", lambda **_: choice)
    result = CliRunner().invoke(app, ["extract", engine.url.database], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "completed with rejected model output" in result.output
    assert "3 model quotes were dropped" in result.output
