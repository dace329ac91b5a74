"""Zoom text transcripts: ``[Name] 14:03:21`` header lines, or ``14:03:21 Name: text`` lines."""

from __future__ import annotations

import re

from synthesis.ingest.labels import NAME, TIMESTAMP
from synthesis.ingest.turns import Block, FormatResult, lines, seconds, speech

HEADER = re.compile(rf"\[([^\]\n]{{1,80}})\][ \t]+({TIMESTAMP})[ \t]*")
INLINE = re.compile(rf"({TIMESTAMP})[ \t]+({NAME})[ \t]*:[ \t]*")


def parse(text: str) -> FormatResult:
    """Speaker blocks of a Zoom transcript; timestamps are kept as seconds of the clock time shown."""
    blocks: list[Block] = []
    current: Block | None = None
    for start, end in lines(text):
        if header := HEADER.fullmatch(text, start, end):
            current = Block(header.group(1).strip(), start=seconds(header.group(2)))
            blocks.append(current)
        elif inline := INLINE.match(text, start, end):
            current = Block(inline.group(2), start=seconds(inline.group(1)))
            blocks.append(current)
            if span := speech(text, inline.end(), end):
                current.spans.append(span)
        elif current is not None and (span := speech(text, start, end)):
            current.spans.append(span)
    return FormatResult(blocks)
