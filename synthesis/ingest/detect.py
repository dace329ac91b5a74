"""Which parser reads a file: the suffix picks the container, sniffing the content picks the text format."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from synthesis.ingest.errors import TranscriptError
from synthesis.ingest.formats import labelled, otter, rev, zoom
from synthesis.ingest.formats.cues import TIMING
from synthesis.ingest.turns import lines

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".vtt", ".srt", ".docx", ".pdf")
_SNIFF_CHARS = 8_000


def suffix_of(name: str) -> str:
    """The file's lower-case suffix, or raise TranscriptError if it is not a supported kind."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise TranscriptError(
            name,
            f"{suffix or 'a file without a suffix'} is not a supported transcript type",
            "Import a " + ", ".join(SUPPORTED_SUFFIXES) + " file.",
        )
    return suffix


def text_format(text: str, suffix: str) -> str:
    """The text format: webvtt, srt, labelled, zoom, otter or rev (labelled when nothing matches)."""
    if suffix == ".vtt" or text.lstrip("\ufeff \t\r\n").startswith("WEBVTT"):
        return "webvtt"
    if suffix == ".srt":
        return "srt"
    scores = _scores(text[:_SNIFF_CHARS])
    if not any(scores.values()) and len(text) > _SNIFF_CHARS:
        scores = _scores(text)
    best = max(scores, key=lambda fmt: scores[fmt])
    return best if scores[best] else "labelled"


def _scores(sample: str) -> dict[str, int]:
    """How many lines of ``sample`` look like the speaker headers of each text format."""
    counts = Counter(m.lastgroup for start, end in lines(sample) if (m := _HEADERS.match(sample, start, end)))
    timing = _TIMING.search(sample)
    return {  # on a tie the first wins: cue timing lines are the most specific sign of a format
        "webvtt" if timing and "." in timing.group(1) else "srt": counts["cue"],
        "labelled": max(counts["bold"], counts["plain"]),
        "zoom": counts["zoom"] + counts["zoom_inline"],
        "otter": counts["otter"],
        "rev": counts["rev"],
    }


def _line(name: str, pattern: str, *, whole: bool = True) -> str:
    """A named alternative matching ``pattern`` on a line: all of it, or its start followed by speech."""
    end = "$" if whole else r"(?=\S)"
    return rf"(?P<{name}>(?:{pattern}){end})"


_TIMING = re.compile(rf"^{TIMING.pattern}", re.M)
# Matched against each line; the alternatives exclude each other.
_HEADERS = re.compile(
    "|".join(
        [
            _line("cue", TIMING.pattern),
            _line("bold", labelled.BOLD.pattern, whole=False),
            _line("plain", labelled.PLAIN.pattern, whole=False),
            _line("zoom", zoom.HEADER.pattern),
            _line("zoom_inline", zoom.INLINE.pattern, whole=False),
            _line("otter", otter.HEADER.pattern),
            _line("rev", rev.HEADER.pattern),
        ]
    )
)
