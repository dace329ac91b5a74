"""Rev-style transcripts (and text PDFs like them): ``Speaker 1:`` alone on a line, speech below.

The label may carry a timestamp: ``Speaker 1 (00:12):`` or ``Speaker 1: 00:12``.
"""

from __future__ import annotations

import re
from collections import Counter

from synthesis.ingest.labels import NAME, TIMESTAMP, trusted
from synthesis.ingest.turns import Block, FormatResult, header_blocks, lines, seconds

HEADER = re.compile(
    rf"({NAME})(?:[ \t]*[(\[]({TIMESTAMP})[)\]])?[ \t]*:[ \t]*(?:[(\[]?({TIMESTAMP})[)\]]?)?[ \t]*"
)

_HEADER_ENDS = frozenset(":)]0123456789")  # a header line ends with one of these


def parse(text: str) -> FormatResult:
    """Speaker blocks of a transcript whose labels stand alone on their lines."""
    all_lines = lines(text)
    found = {
        i: m
        for i, (s, e) in enumerate(all_lines)
        if text[e - 1] in _HEADER_ENDS and (m := HEADER.fullmatch(text, s, e))
    }
    speakers = trusted(Counter(m.group(1) for m in found.values()))
    headers = {
        i: Block(m.group(1), start=seconds(m.group(2) or m.group(3)))
        for i, m in found.items()
        if m.group(1) in speakers
    }
    return FormatResult(header_blocks(text, all_lines, headers))
