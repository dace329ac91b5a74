"""Every transcript in the shared evaluation set parses with the right speakers, roles and turn counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synthesis.ingest import parse_file, segment_problems
from synthesis.transcript import SpeakerRole

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
EXPECTED = json.loads((EVAL / "expected.json").read_text(encoding="utf-8"))

# Turn counts verified by reading each file: a turn is a run of consecutive speech by one speaker. Counted
# with grep/awk over the speaker label lines (`^(Assistant|User|AI):`, `^\*\*Name:\*\*`, `^[Name]`,
# `Name  0:01`, `NAME:` in SRT cues, `<v Name>` tags), collapsing consecutive repeats of one name; for the
# PDF over pypdf's extracted `Dan:`/`Participant:` lines, for the .docx over its `Name   0:03` paragraphs.
TURNS = {
    "real/anthropic-interviewer/00514.md": 21,  # 21 label lines, no repeats
    "real/anthropic-interviewer/00831.md": 23,
    "real/anthropic-interviewer/00953.md": 55,
    "real/anthropic-interviewer/01070.md": 25,
    "written/revops_lead.vtt": 68,  # 202 voice cues in 68 runs
    "written/it_director.srt": 64,  # 64 labelled cues; unlabelled cues continue the speaker
    "written/finance_controller.txt": 57,  # 57 Otter headers, no repeats
    "written/cs_manager.txt": 66,  # 115 Zoom headers in 66 runs
    "written/head_of_growth.md": 62,  # 62 bold labels after the metadata header
    "formats/teams_transcript.docx": 10,  # 10 header paragraphs
    "formats/pdpilot-P2.pdf": 159,  # 165 label lines in 159 runs
    "formats/554-trustworthy-ai-in-healthcare.vtt": 159,  # 1,108 voice cues in 159 runs; last cue untagged
    "formats/founders-talk-96.md": 207,  # 209 bold labels minus two "**Break**:" markers
    "formats/humans-of-otel-eu-2024.md": 50,  # 10 people x 5 questions
}


def test_every_eval_transcript_has_a_verified_count() -> None:
    assert set(TURNS) == {key for key in EXPECTED if not key.startswith("_")}


@pytest.mark.parametrize("relative", sorted(TURNS))
def test_eval_transcript_speakers_roles_and_turns(relative: str) -> None:
    transcript = parse_file(EVAL / relative)
    expected = EXPECTED[relative]
    roles = {turn.speaker: turn.role for turn in transcript.turns}
    assert set(roles) == set(expected["interviewer"]) | set(expected["respondents"])
    for name in expected["interviewer"]:
        assert roles[name] is SpeakerRole.INTERVIEWER, name
    for name in expected["respondents"]:
        assert roles[name] is SpeakerRole.RESPONDENT, name
    assert len(transcript.turns) == TURNS[relative]
    assert segment_problems(transcript) == []
    assert transcript.warnings == []


@pytest.mark.parametrize("gold", sorted(EVAL.rglob("*.gold.jsonl")), ids=lambda p: p.name)
def test_gold_quotes_lie_in_respondent_turns(gold: Path) -> None:
    stem = gold.name.removesuffix(".gold.jsonl")
    source = next(p for p in gold.parent.iterdir() if p.stem == stem and p.suffix not in (".json", ".jsonl"))
    transcript = parse_file(source)
    spans = [(t.source_start, t.source_end) for t in transcript.turns if t.role is SpeakerRole.RESPONDENT]
    for line in gold.read_text(encoding="utf-8").splitlines():
        quote = json.loads(line)["quote"]
        start = transcript.text.find(quote)
        assert start >= 0, quote
        assert any(s <= start and start + len(quote) <= e for s, e in spans), quote


def test_markdown_metadata_is_not_speech() -> None:
    transcript = parse_file(EVAL / "written/head_of_growth.md")
    assert transcript.metadata["date"] == "12 November 2025"
    assert transcript.metadata["company"] == "Haulbridge"
    assert transcript.metadata["interviewee"] == "Sander de Vries, Head of Growth"
    assert transcript.title == "Customer discovery interview: Haulbridge"
    first = transcript.turns[0]
    assert first.speaker == "Interviewer"
    assert first.text.startswith("Thanks for making time, Sander.")
    assert not any("**" in turn.text for turn in transcript.turns)


def test_markdown_timestamps_breaks_and_trailing_sections_are_not_speech() -> None:
    founders = parse_file(EVAL / "formats/founders-talk-96.md")
    assert not any("[07:46]" in turn.text or "Break" in turn.speaker for turn in founders.turns)
    assert any(" So we started getting users everywhere" in turn.text for turn in founders.turns)
    otel = parse_file(EVAL / "formats/humans-of-otel-eu-2024.md")
    assert otel.metadata["date"] == "2024-06-15"
    assert otel.turns[-1].text.endswith("traces are my favorite signal.")
    assert not any("What does observability mean to you?" in turn.text for turn in otel.turns)


def test_pdf_text_is_normalised_and_page_furniture_skipped() -> None:
    transcript = parse_file(EVAL / "formats/pdpilot-P2.pdf")
    assert "\t" not in transcript.text
    assert transcript.text.splitlines()[:3] == ["1/8", "Interview", "Dan:"]
    assert transcript.turns[0].text == (
        "Okay. So now I just had, the last part is just an, I have some interview questions to ask you."
    )
    assert not any(" 111 112" in turn.text or "8/8" in turn.text for turn in transcript.turns)


def test_webvtt_keeps_cue_times_and_one_segment_per_cue() -> None:
    transcript = parse_file(EVAL / "written/revops_lead.vtt")
    first = transcript.turns[0]
    assert first.speaker == "Dana Whitfield"
    assert (
        first.text == "Hi Priya, can you hear me OK? I think my audio was doing something weird a minute ago."
    )
    assert len(first.segments) == 2
    assert (first.start_seconds, first.end_seconds) == (3.12, 9.72)


def test_teams_docx_title_and_turns() -> None:
    transcript = parse_file(EVAL / "formats/teams_transcript.docx")
    assert transcript.format == "docx"
    assert transcript.title == "Discovery call – Northwind Analytics"
    assert transcript.turns[0].text == "Hi Kenji, thanks for making time. Can you start with your role?"
    assert transcript.turns[1].start_seconds == 9
