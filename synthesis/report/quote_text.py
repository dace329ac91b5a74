"""How a verbatim quote is shown in the body of a report: fillers as an ellipsis, and the time of the
subtitle cue the quote starts in (a speaker's turn in a .vtt or .srt file joins many cues).

The evidence index keeps every quote verbatim, so the body may elide "um" and "uh" without losing a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_FILLER = re.compile(r"(?:,\s*|\s+|^)(?:u+m+|u+h+|e+r+m+|uhm|hmm+)\b,?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?:\s+|$)")
MAX_QUOTE_WORDS = 60
"""A quote is widened to whole sentences only up to this length."""
_CUE_TIME = re.compile(r"(?:(\d{1,2}):)?(\d{2}):(\d{2})[.,](\d{1,3})\s*-->")


def elide_fillers(text: str) -> str:
    """ "we were, um, inside five percent" -> "we were … inside five percent"."""
    shown = _FILLER.sub(" …", text)
    shown = re.sub(r"(?:\s*…)+", " …", shown).strip()
    return re.sub(r"…\s*([,.;:!?])", r"…\1", shown)


def without_fillers(text: str) -> str:
    """A statement (not a quote) without "um" and "uh": "Has been here, um, a while" -> "Has been here a
    while"."""
    shown = re.sub(r"\s{2,}", " ", _FILLER.sub("", text)).strip(" ,")
    return shown[:1].upper() + shown[1:]


def whole_sentences(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to the whole sentences it touches, unless that would pass
    ``MAX_QUOTE_WORDS`` (then the span is kept as it is)."""
    if not text or end <= start:
        return start, end
    before = list(_SENTENCE_END.finditer(text, 0, start))
    wide_start = before[-1].end() if before else 0
    wide_start += len(text[wide_start:start]) - len(text[wide_start:start].lstrip())
    if _SENTENCE_END.match(text, max(start, end - 1)) or re.search(r"[.!?…][\"”’)]*\s*$", text[start:end]):
        wide_end = end
    else:
        after = _SENTENCE_END.search(text, end)
        wide_end = after.start() + len(after.group().rstrip()) if after else len(text.rstrip())
    if len(text[wide_start:wide_end].split()) > MAX_QUOTE_WORDS:
        return start, end
    return wide_start, wide_end


def cue_seconds(source: str, segments: Sequence[Sequence[int]], offset: int) -> float | None:
    """The start time of the subtitle cue holding ``offset`` of a turn's text; None without cue timings.

    ``segments`` map the turn's text to ``source`` (the imported file's text) as [turn offset, source start,
    source end]; the cue's timing line is the last one before its segment in the source.
    """
    starts = [s for s in segments if s[0] <= offset]
    if not starts or not source:
        return None
    before = source[: starts[-1][1]]
    timings = list(_CUE_TIME.finditer(before[-2000:]))
    if not timings:
        return None
    hours, minutes, seconds, fraction = timings[-1].groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000
