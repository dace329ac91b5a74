"""Verify that evidence is verbatim respondent text, snapping a model's quote onto the transcript."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from synthesis.extraction.segment import trim_span
from synthesis.transcript import ParsedTurn, SpeakerRole

FUZZY_THRESHOLD = 90.0
"""Minimum rapidfuzz partial-ratio score (0-100) for a quote that is not exact to be snapped."""


@dataclass(frozen=True)
class Span:
    """A verified evidence span: ``turns[turn_index].text[start:end] == quote``."""

    turn_index: int
    start: int
    end: int
    quote: str


def is_verified(turns: Sequence[ParsedTurn], span: Span) -> bool:
    """True when the span is non-empty, verbatim, and lies in respondent speech."""
    if not 0 <= span.turn_index < len(turns):
        return False
    turn = turns[span.turn_index]
    return (
        turn.role == SpeakerRole.RESPONDENT
        and 0 <= span.start < span.end <= len(turn.text)
        and turn.text[span.start : span.end] == span.quote
        and bool(span.quote.strip())
    )


def snap_quote(turns: Sequence[ParsedTurn], quote: str, turn_hint: int | None = None) -> Span | None:
    """Find ``quote`` in respondent speech: exact first, else a close fuzzy match snapped to the exact text.

    The turn named by ``turn_hint`` is searched first; interviewer turns are never searched.
    """
    needle = " ".join(quote.split()).strip(" \"'“”‘’")
    if len(needle) < 3:
        return None
    order = [i for i, turn in enumerate(turns) if turn.role == SpeakerRole.RESPONDENT]
    if turn_hint in order:
        order.remove(turn_hint)
        order.insert(0, turn_hint)
    for index in order:
        position = turns[index].text.find(needle)
        if position >= 0:
            return Span(index, position, position + len(needle), needle)
    best: tuple[float, Span] | None = None
    for index in order:
        text = turns[index].text
        if len(text) < len(needle) * 0.8:
            continue
        alignment = fuzz.partial_ratio_alignment(needle, text, score_cutoff=FUZZY_THRESHOLD)
        if alignment is None:
            continue
        start, end = trim_span(text, alignment.dest_start, alignment.dest_end)
        if end > start and (best is None or alignment.score > best[0]):
            best = (alignment.score, Span(index, start, end, text[start:end]))
    return best[1] if best else None
