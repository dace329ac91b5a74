"""SubRip (.srt): ``NAME: text`` starts a speaker; following cues without a label continue it."""

from __future__ import annotations

from synthesis.ingest.formats import cues
from synthesis.ingest.turns import FormatResult


def parse(text: str) -> FormatResult:
    """Speaker blocks of a SubRip file."""
    return FormatResult(cues.blocks(text, voices=False))
