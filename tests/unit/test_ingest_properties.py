"""Property tests: any input either parses into valid turns or raises TranscriptError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.ingest import SUPPORTED_SUFFIXES, TranscriptError, parse_bytes, segment_problems

SUFFIXES = st.sampled_from([*SUPPORTED_SUFFIXES, ".rtf", "", ".TXT"])
TEXT_SUFFIXES = st.sampled_from([".txt", ".md", ".markdown", ".vtt", ".srt"])
# Fragments of every supported layout, so random documents reach deep into each parser.
FRAGMENTS = st.sampled_from(
    [
        "WEBVTT",
        "",
        " ",
        "1",
        "00:00:01.000 --> 00:00:02.000",
        "00:00:01,000 --> 00:00:02,000",
        "<v Ann>Hi?</v>",
        "<v.x Bo>yes",
        "Ann: hello?",
        "BO: fine.",
        "**Ann:** hi",
        "**Bo**: ok",
        "- **Date:** today",
        "---",
        "# Title",
        "## Q?",
        "[Ann Lee] 10:00:01",
        "Ann Lee  0:15",
        "Speaker 1 (00:12):",
        "Dan:",
        "10:00:01 Ann: hey",
        "\\[01:02\\] words",
        "Transcribed by https://otter.ai",
        "3/8",
        "text <i>it</i>",
        "\r",
        "\t",
        "é€’",
    ]
)
FILLER = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
DOCUMENTS = st.lists(st.one_of(FRAGMENTS, FRAGMENTS, FILLER), max_size=30).map("\n".join)


def check(data: bytes, name: str) -> None:
    try:
        transcript = parse_bytes(data, name)
    except TranscriptError as error:
        assert error.path == name and str(error).startswith(f"{name}: ")
        return
    assert transcript.turns
    assert segment_problems(transcript) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=SUFFIXES)
def test_random_bytes(data: bytes, suffix: str) -> None:
    check(data, f"file{suffix}")


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=2000), suffix=SUFFIXES)
def test_random_text(text: str, suffix: str) -> None:
    check(text.encode("utf-8"), f"file{suffix}")


@settings(max_examples=500, deadline=None)
@given(text=DOCUMENTS, suffix=TEXT_SUFFIXES, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_transcript_like_text(text: str, suffix: str, encoding: str) -> None:
    check(text.encode(encoding), f"file{suffix}")
