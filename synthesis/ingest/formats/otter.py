"""Otter.ai and Microsoft Teams exports: a ``Name  0:15`` header line, then the speech below it."""

from __future__ import annotations

import re
from collections import Counter

from synthesis.ingest.labels import TIMESTAMP, trusted
from synthesis.ingest.turns import Block, FormatResult, header_blocks, lines, seconds

HEADER = re.compile(rf"([^\W\d_][^\n:\[\]]{{0,80}}?)[ \t]+({TIMESTAMP})[ \t]*")


def parse(text: str) -> FormatResult:
    """Speaker blocks of an Otter/Teams style transcript.

    Text before the first header is not speech; its first line (a Teams meeting name) is the title.
    """
    all_lines = lines(text)
    found = {
        i: m
        for i, (s, e) in enumerate(all_lines)
        if text[e - 1].isdigit() and (m := HEADER.fullmatch(text, s, e))
    }
    speakers = trusted(Counter(m.group(1) for m in found.values()))
    headers = {
        i: Block(m.group(1), start=seconds(m.group(2))) for i, m in found.items() if m.group(1) in speakers
    }
    title = text[slice(*all_lines[0])] if headers and min(headers) > 0 else None
    return FormatResult(header_blocks(text, all_lines, headers), title=title)
