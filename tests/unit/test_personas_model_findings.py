"""Model-written labels and findings on recorded replies: valid, invalid citations, hallucinated theme, broken
schema (re-asked once, then given up)."""

from __future__ import annotations

from pathlib import Path

from synthesis.llm.fake import FakeBackend
from synthesis.personas.model_findings import FindingsInput, ThemeInput, write_findings

REPLIES = Path(__file__).resolve().parents[1] / "fixtures" / "persona_findings"
SOURCE = FindingsInput(
    "RevOps leader at a mid-market B2B software company",
    (
        ThemeInput(
            1,
            "goal",
            "Forecast accuracy is the big one.",
            "2 of 3 respondents",
            ((11, "Forecast accuracy is the big one."), (21, "Wants the quarter call within seven percent.")),
        ),
        ThemeInput(
            2,
            "pain",
            "Reconciles CRM data by hand every week.",
            "3 of 3 respondents",
            (
                (12, "Spends a day a week reconciling CRM data."),
                (22, "Their analysts reconcile the pipeline by hand."),
                (31, "Reconciling bookings takes two days a quarter."),
            ),
        ),
        ThemeInput(
            3,
            "buying",
            "Can approve up to twenty thousand a year.",
            "1 of 3 respondents",
            ((13, "Can approve up to twenty thousand a year."),),
        ),
    ),
)


def _reply(name: str) -> str:
    return (REPLIES / name).read_text(encoding="utf-8")


def test_a_valid_reply_keeps_every_cited_sentence_with_prompt_version() -> None:
    backend = FakeBackend([_reply("valid.json")])
    result = write_findings(backend, SOURCE)
    assert sorted(result.labels) == [1, 2, 3] and sorted(result.findings) == [1, 2, 3]
    assert result.labels[2].insight_ids == (12, 22, 31)
    assert result.summary is not None and not result.dropped and result.error is None
    assert result.prompt_version == "persona-findings-1"
    prompt = backend.history[0].messages[1]["content"]
    assert "[#22] Their analysts reconcile the pipeline by hand." in prompt


def test_invalid_citations_and_a_hallucinated_theme_are_dropped_and_counted() -> None:
    result = write_findings(FakeBackend([_reply("invalid_citations.json")]), SOURCE)
    assert sorted(result.labels) == [] and sorted(result.findings) == [3]  # theme 3 keeps its finding only
    assert result.dropped == {
        "citations missing or outside the theme": 4,  # theme 1 cites theme 2's id; theme 2 cites nothing
        "label breaks the label rules": 1,  # "When the deal is above the limit." is a fragment
        "theme not in the input": 2,
        "summary citations missing or outside the persona": 1,
    }
    assert result.summary is None


def test_a_reply_that_breaks_the_schema_is_re_asked_once() -> None:
    backend = FakeBackend([_reply("broken_schema.txt"), _reply("valid.json")])
    result = write_findings(backend, SOURCE)
    assert len(backend.history) == 2 and sorted(result.labels) == [1, 2, 3]
    assert "did not match the required JSON schema" in backend.history[1].messages[-1]["content"]


def test_two_broken_replies_give_nothing_and_say_why() -> None:
    result = write_findings(FakeBackend([_reply("broken_schema.txt"), _reply("broken_schema.txt")]), SOURCE)
    assert not result.labels and not result.findings and result.summary is None
    assert result.error is not None and "after one re-ask" in result.error
