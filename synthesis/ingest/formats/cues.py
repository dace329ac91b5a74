"""Timed cues of subtitle formats (WebVTT, SubRip) and the speaker labels inside them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from synthesis.ingest.labels import NAME, trusted
from synthesis.ingest.turns import Block, Span, seconds, trim

_TIME = r"\d[\d:.,]*"
TIMING = re.compile(rf"[ \t]*({_TIME})[ \t]+-->[ \t]+({_TIME})(?:[ \t].*)?")
# A timing line, then the cue's text: the following non-blank lines that are not themselves timing lines.
_CUE = re.compile(
    rf"^{TIMING.pattern}\r?(?:\n|\Z)((?:(?![ \t]*{_TIME}[ \t]+-->)[^\S\n]*\S[^\n]*(?:\n|\Z))*)", re.M
)
_LINE = re.compile(r"[^\r\n]+")
_TAG = re.compile(r"<[^>\n]*>")
VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>\n]+)>")
LABEL = re.compile(rf"({NAME}):[ \t]+")


@dataclass
class Cue:
    """One timed cue: its time range and the source span of each text line."""

    start: float | None
    end: float | None
    lines: list[Span]


def cues(text: str) -> Iterator[Cue]:
    """Every cue: a timing line followed by text lines up to the next blank line."""
    for cue in _CUE.finditer(text):
        body = [(line.start(), line.end()) for line in _LINE.finditer(text, cue.start(3), cue.end(3))]
        yield Cue(seconds(cue.group(1)), seconds(cue.group(2)), body)


def text_spans(text: str, start: int, end: int) -> list[Span]:
    """The trimmed runs of a cue line between markup tags such as ``<i>`` or ``</v>``."""
    if text.find("<", start, end) < 0:
        span = trim(text, start, end)
        return [span] if span else []
    spans: list[Span] = []
    position = start
    for tag in _TAG.finditer(text, start, end):
        if (span := trim(text, position, tag.start())) is not None:
            spans.append(span)
        position = tag.end()
    if (span := trim(text, position, end)) is not None:
        spans.append(span)
    return spans


def blocks(text: str, *, voices: bool) -> list[Block]:
    """Speaker blocks of all cues: ``<v Name>`` tags (when ``voices``) or ``Name:`` on a cue's first line.

    A cue without a label continues the previous speaker.
    """
    all_cues = list(cues(text))
    labels = Counter(
        m.group(1)
        for cue in all_cues
        if cue.lines and (m := LABEL.match(text, *cue.lines[0])) and not _voice(text, cue.lines[0], voices)
    )
    speakers = trusted(labels)
    out: list[Block] = []
    for cue in all_cues:
        for index, (start, end) in enumerate(cue.lines):
            speaker = None
            if voice := _voice(text, (start, end), voices):
                speaker, start = voice.group(1).strip(), voice.end()
                end -= 4 if text.endswith("</v>", start, end) else 0
            elif index == 0 and (label := LABEL.match(text, start, end)) and label.group(1) in speakers:
                speaker, start = label.group(1), label.end()
            out.append(Block(speaker, text_spans(text, start, end), cue.start, cue.end))
    return out


def _voice(text: str, span: Span, voices: bool) -> re.Match[str] | None:
    return VOICE.match(text, *span) if voices else None
