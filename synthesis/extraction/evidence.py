"""Verify that evidence is verbatim respondent text, snapping a model's quote onto the transcript."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from synthesis.extraction.segment import trim_span
from synthesis.transcript import ParsedTurn, SpeakerRole

FUZZY_THRESHOLD = 90.0
"""Minimum rapidfuzz partial-ratio score (0-100) for a quote that is not exact to be snapped."""

MIN_CONTENT_WORDS = 2
"""A quote counts as evidence only with at least this many content words (words that are not stop words)."""

MIN_QUOTE_CHARS = 12
"""A quote counts as evidence only with at least this many characters, surrounding quotation marks trimmed."""

STOP_WORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her him his i i'd
    i'm i've if in into is it it's its just me my no not of on or our she so than that the their them then
    there these they this those to too um uh us very was we were what when where which who why will with
    would yeah yes you your""".split()
)
"""Words that carry no content on their own: a quote of only these ("the", "and so on") proves nothing."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Span:
    """A verified evidence span: ``turns[turn_index].text[start:end] == quote``."""

    turn_index: int
    start: int
    end: int
    quote: str


def is_verified(turns: Sequence[ParsedTurn], span: Span) -> bool:
    """True when the span is verbatim respondent speech with enough content to count as evidence."""
    if not 0 <= span.turn_index < len(turns):
        return False
    turn = turns[span.turn_index]
    return (
        turn.role == SpeakerRole.RESPONDENT
        and 0 <= span.start < span.end <= len(turn.text)
        and turn.text[span.start : span.end] == span.quote
        and has_enough_content(span.quote)
    )


def content_words(quote: str) -> list[str]:
    """The words of ``quote`` that are not stop words (case-insensitive)."""
    words = (word.lower().replace("’", "'") for word in _WORD.findall(quote))
    return [word for word in words if word not in STOP_WORDS]


def has_enough_content(quote: str) -> bool:
    """Whether ``quote`` carries enough content to count as evidence (see ``MIN_CONTENT_WORDS``)."""
    trimmed = quote.strip().strip("\"'“”‘’")
    return len(trimmed) >= MIN_QUOTE_CHARS and len(content_words(trimmed)) >= MIN_CONTENT_WORDS


def snap_quote(turns: Sequence[ParsedTurn], quote: str, turn_hint: int | None = None) -> Span | None:
    """Find ``quote`` in respondent speech: exact first, else a close fuzzy match snapped to the exact text.

    The turn named by ``turn_hint`` is searched first; interviewer turns are never searched; a quote too
    thin to count as evidence (see ``has_enough_content``) is never matched.
    """
    needle = " ".join(quote.split()).strip(" \"'“”‘’")
    if not has_enough_content(needle):
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
