"""Split turn text into sentences and clauses, keeping character offsets into the turn text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synthesis.transcript import ParsedTurn, SpeakerRole

ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "jr", "sr", "st",
     "approx", "dept", "est", "fig", "no", "u.s", "u.k", "a.m", "p.m"}
)

# A sentence ends at ., !, ? or an ellipsis (optionally followed by closing quotes/brackets), then whitespace.
_END = re.compile(r"(?:\.{3}|…|[.!?]+)[\"'”’)\]]*(?=\s)")
# Clause boundaries inside one sentence: the span before the boundary keeps its own point.
_CLAUSE = re.compile(
    r";\s+|\s+[-–—]\s+|,\s+(?=(?:but|although|though|whereas|except|so|and so|which means|because)\b)"
    r"|\s+(?=(?:but|although|whereas)\s)",
    re.IGNORECASE,
)
_MIN_CLAUSE_WORDS = 4
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.+$")
_LONGEST_WORD = 64
"""How far back a word before a full stop is read: any longer word is no abbreviation either way."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of one respondent turn: ``turn.text[start:end] == text``."""

    turn_index: int
    start: int
    end: int
    text: str


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved inward past white space, so ``text[start:end]`` is trimmed."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    mark = match.group()
    if mark.startswith("."):
        end = match.start() + 1  # the word before the stop, looked for near it (no copy of the text before)
        word = _WORD_BEFORE_STOP.search(text, max(0, end - _LONGEST_WORD), end)
        if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            return False
        if mark.startswith(("...", "…")):
            following = text[match.end() :].lstrip()[:1]
            return bool(following) and (following.isupper() or following in "\"'“‘")
    return True


def split_sentences(text: str, breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence in ``text``; ``breaks`` are extra forced boundaries."""
    cuts = {m.end() for m in _END.finditer(text) if _is_boundary(text, m)}
    cuts.update(b for b in breaks if 0 < b < len(text))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        s, e = trim_span(text, start, cut)
        if s < e:
            spans.append((s, e))
        start = cut
    return spans


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the sentence ``text[start:end]`` into clauses that each carry enough words to stand alone."""
    pieces: list[tuple[int, int]] = []
    last = start
    for m in _CLAUSE.finditer(text, start, end):
        s, e = trim_span(text, last, m.start())
        rest = text[m.end() : end]
        if len(text[s:e].split()) >= _MIN_CLAUSE_WORDS and len(rest.split()) >= _MIN_CLAUSE_WORDS:
            pieces.append((s, e))
            last = m.end()
    s, e = trim_span(text, last, end)
    if s < e:
        pieces.append((s, e))
    return pieces


def segment_breaks(turn: ParsedTurn) -> list[int]:
    """Offsets in the turn text where one source segment ends and the next begins."""
    return [seg.offset for seg in turn.segments[1:]]


def respondent_sentences(turns: Sequence[ParsedTurn]) -> list[Sentence]:
    """All sentences of respondent turns, never crossing a source segment boundary."""
    out: list[Sentence] = []
    for index, turn in enumerate(turns):
        if turn.role != SpeakerRole.RESPONDENT:
            continue
        for s, e in split_sentences(turn.text, segment_breaks(turn)):
            out.append(Sentence(index, s, e, turn.text[s:e]))
    return out
