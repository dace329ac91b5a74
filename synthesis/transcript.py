"""Plain data shapes for a parsed transcript, shared by ingest, extraction and the CLI.

A transcript keeps the full decoded text of its source file. Each turn has a clean ``text`` (its spoken
words, cue fragments joined by a single space) and ``segments`` that map pieces of that clean text back to
character ranges of the source text, so evidence can always be shown in, and verified against, both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SpeakerRole(StrEnum):
    """Who a speaker is in the interview."""

    INTERVIEWER = "interviewer"
    RESPONDENT = "respondent"
    OTHER = "other"


@dataclass(frozen=True)
class Segment:
    """A piece of a turn's clean text that is verbatim in the source text.

    ``turn_text[offset : offset + (source_end - source_start)] == source_text[source_start:source_end]``.
    """

    offset: int
    source_start: int
    source_end: int


@dataclass
class ParsedTurn:
    """One speaker turn: consecutive speech of one speaker."""

    speaker: str
    text: str
    segments: list[Segment]
    start_seconds: float | None = None
    end_seconds: float | None = None
    role: SpeakerRole = SpeakerRole.OTHER

    @property
    def source_start(self) -> int:
        return self.segments[0].source_start

    @property
    def source_end(self) -> int:
        return self.segments[-1].source_end

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a span of the clean turn text to the source text, or None if it crosses segments."""
        for seg in self.segments:
            length = seg.source_end - seg.source_start
            if seg.offset <= start and end <= seg.offset + length:
                return seg.source_start + start - seg.offset, seg.source_start + end - seg.offset
        return None


@dataclass
class ParsedTranscript:
    """A decoded, segmented transcript, ready to store or to extract from."""

    text: str
    turns: list[ParsedTurn]
    format: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
