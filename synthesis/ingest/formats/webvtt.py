"""WebVTT (Teams, Zoom, podcast exports): ``<v Name>`` voice tags or ``Name: text`` cue text."""

from __future__ import annotations

from synthesis.ingest.formats import cues
from synthesis.ingest.turns import FormatResult


def parse(text: str) -> FormatResult:
    """Speaker blocks of a WebVTT file; each cue's text lines become segments of its speaker's turn."""
    return FormatResult(cues.blocks(text, voices=True))
