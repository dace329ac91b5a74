"""Shared building blocks of the format parsers: source lines, speaker blocks, and turn assembly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from synthesis.transcript import ParsedTranscript, ParsedTurn, Segment

Span = tuple[int, int]
_LINE = re.compile(r"^[^\S\n]*+(\S(?:[^\n]*\S)?)", re.M)
_TRIMMED = re.compile(r"\S(?:.*\S)?", re.S)
# Speech after optional whitespace and a leading "[12:34]" or escaped "\[01:02:03.04\]" timestamp.
_SPEECH = re.compile(r"\s*(?:\\?[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\\?[\])]\s*)?(\S(?:.*\S)?)?", re.S)
_NOISE = re.compile(r"\d{1,4}(?:\s*/\s*\d{1,4})?|Page \d+(?: of \d+)?|Transcribed by https?://otter\.ai\S*")


@dataclass
class Block:
    """Speech of one speaker as found in the source; ``speaker`` None continues the previous block."""

    speaker: str | None
    spans: list[Span] = field(default_factory=list)
    start: float | None = None
    end: float | None = None


@dataclass
class FormatResult:
    """What a format parser found: speaker blocks plus optional title and metadata."""

    blocks: list[Block]
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def lines(text: str) -> list[Span]:
    """(start, end) of every non-blank line of ``text``, without surrounding whitespace."""
    return [match.span(1) for match in _LINE.finditer(text)]


def trim(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace, or None if nothing is left."""
    match = _TRIMMED.search(text, start, end)
    return match.span() if match else None


def speech(text: str, start: int, end: int, *, noise: bool = True) -> Span | None:
    """A line's speech: trimmed, without a leading ``[12:34]`` timestamp; None for page/footer noise."""
    match = _SPEECH.match(text, start, end)
    if match is None or match.start(1) < 0 or (noise and _NOISE.fullmatch(text, *match.span(1))):
        return None
    return match.span(1)


def seconds(stamp: str | None) -> float | None:
    """Seconds in ``[h:]mm:ss[.mmm]`` (or ``,mmm``), or None if it is not such a time."""
    parts = stamp.replace(",", ".").split(":") if stamp else []
    if not 2 <= len(parts) <= 3 or not all(part[:1].isdigit() for part in parts):
        return None
    try:
        return sum(float(part) * 60**power for power, part in enumerate(reversed(parts)))
    except ValueError:
        return None


def header_blocks(text: str, all_lines: list[Span], headers: dict[int, Block]) -> list[Block]:
    """Blocks of a layout where a header line names the speaker and the lines after it are the speech.

    ``headers`` maps a line index to the (empty) block that line opens; lines before the first header
    are not speech.
    """
    blocks: list[Block] = []
    current: Block | None = None
    for i, (start, end) in enumerate(all_lines):
        if i in headers:
            current = headers[i]
            blocks.append(current)
        elif current is not None and (span := speech(text, start, end)):
            current.spans.append(span)
    return blocks


def assemble(text: str, blocks: Iterable[Block]) -> list[ParsedTurn]:
    """Turns from blocks: continuation blocks join the previous speaker, consecutive speakers merge.

    Consumes (extends) the blocks. Blocks before the first named speaker are dropped; speakers without
    any speech yield no turn.
    """
    owned: list[Block] = []
    for block in blocks:
        if block.speaker is not None:
            owned.append(block)
        elif owned:
            _extend(owned[-1], block)
    merged: list[Block] = []
    for block in owned:
        if not block.spans:
            continue
        if merged and merged[-1].speaker == block.speaker:
            _extend(merged[-1], block)
        else:
            merged.append(block)
    return [make_turn(text, block.speaker or "", block.spans, block.start, block.end) for block in merged]


def _extend(target: Block, block: Block) -> None:
    target.spans.extend(block.spans)
    if target.start is None:
        target.start = block.start
    if block.end is not None:
        target.end = block.end


def make_turn(
    text: str, speaker: str, spans: list[Span], start: float | None = None, end: float | None = None
) -> ParsedTurn:
    """A turn whose text is the spans' source text joined by single spaces."""
    segments: list[Segment] = []
    offset = 0
    for source_start, source_end in spans:
        segments.append(Segment(offset, source_start, source_end))
        offset += source_end - source_start + 1
    turn_text = " ".join(text[s:e] for s, e in spans)
    return ParsedTurn(
        speaker=speaker, text=turn_text, segments=segments, start_seconds=start, end_seconds=end
    )


def segment_problems(transcript: ParsedTranscript) -> list[str]:
    """Every way a transcript's turns break the Segment invariant; empty when all is well."""
    problems: list[str] = []
    source = transcript.text
    for index, turn in enumerate(transcript.turns):
        where = f"turn {index} ({turn.speaker!r})"
        if not turn.speaker.strip() or not turn.text.strip() or not turn.segments:
            problems.append(f"{where}: empty speaker, text or segments")
            continue
        previous_end, previous_source_end = 0, 0
        for seg in turn.segments:
            length = seg.source_end - seg.source_start
            if not (0 <= seg.source_start < seg.source_end <= len(source)):
                problems.append(f"{where}: segment {seg} outside the source text")
            elif seg.offset < previous_end or seg.source_start < previous_source_end:
                problems.append(f"{where}: segment {seg} overlaps or goes backwards")
            elif turn.text[seg.offset : seg.offset + length] != source[seg.source_start : seg.source_end]:
                problems.append(f"{where}: segment {seg} is not verbatim in the source text")
            previous_end, previous_source_end = seg.offset + length, seg.source_end
    return problems
