"""Transcript import: bytes of a .txt/.md/.vtt/.srt/.docx/.pdf file to a ParsedTranscript.

Pure functions, no database. Bad input raises only :class:`TranscriptError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from synthesis.ingest import detect
from synthesis.ingest.decode import check_size, check_text_size, decode
from synthesis.ingest.errors import TranscriptError
from synthesis.ingest.formats import cues as cue_formats
from synthesis.ingest.formats import docx, labelled, otter, pdf, rev, srt, webvtt, zoom
from synthesis.ingest.roles import assign_roles
from synthesis.ingest.turns import FormatResult, assemble, make_turn, segment_problems, trim
from synthesis.transcript import ParsedTranscript, ParsedTurn

__all__ = [
    "SUPPORTED_SUFFIXES",
    "TranscriptError",
    "assign_roles",
    "parse_bytes",
    "parse_file",
    "segment_problems",
]

SUPPORTED_SUFFIXES = detect.SUPPORTED_SUFFIXES
UNLABELLED_SPEAKER = "Unknown speaker"
_PARSERS: dict[str, Callable[[str], FormatResult]] = {
    "labelled": labelled.parse,
    "otter": otter.parse,
    "rev": rev.parse,
    "zoom": zoom.parse,
    "webvtt": webvtt.parse,
    "srt": srt.parse,
}
_CUE_FORMATS = frozenset({"webvtt", "srt"})


def parse_file(path: Path, *, interviewers: Sequence[str] = ()) -> ParsedTranscript:
    """Read and parse a transcript file; a missing or unreadable file raises TranscriptError."""
    name = path.name
    detect.suffix_of(name)
    try:
        check_size(path.stat().st_size, name)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise TranscriptError(name, "the file does not exist", "Check the path and try again.") from exc
    except OSError as exc:
        raise TranscriptError(
            name, f"the file could not be read ({exc.strerror or exc})", "Check that it is a readable file."
        ) from exc
    return parse_bytes(data, name, interviewers=interviewers)


def parse_bytes(data: bytes, name: str, *, interviewers: Sequence[str] = ()) -> ParsedTranscript:
    """Parse the bytes of a transcript file called ``name`` (its suffix picks the container)."""
    suffix = detect.suffix_of(name)
    check_size(len(data), name)
    title = None
    encoding = "utf-8"
    warnings: list[str] = []
    if suffix == ".docx":
        text, title = docx.extract(data, name)
    elif suffix == ".pdf":
        text = pdf.extract(data, name)
    else:
        decoded = decode(data, name)
        text, encoding = decoded.text, decoded.encoding
        warnings.extend(filter(None, [decoded.warning]))
    check_text_size(text, name)
    fmt = detect.text_format(text, suffix)
    result = _PARSERS[fmt](text)
    turns = assemble(text, result.blocks)
    if not turns:
        turns = [_unlabelled(text, result, fmt, name)]
        warnings.append("No speaker labels were found; the whole text was imported as one respondent turn.")
    assign_roles(turns, interviewers)
    return ParsedTranscript(
        text=text,
        turns=turns,
        format=suffix.lstrip(".") if suffix in (".docx", ".pdf") else fmt,
        encoding=encoding,
        warnings=warnings,
        title=result.title or title,
        metadata=result.metadata,
    )


def _unlabelled(text: str, result: FormatResult, fmt: str, name: str) -> ParsedTurn:
    """One turn of all the speech: every cue's text for subtitles, else the whole text."""
    if fmt in _CUE_FORMATS:
        spans = [span for block in result.blocks for span in block.spans]
    else:
        whole = trim(text, 0, len(text))
        spans = [whole] if whole else []
    if not spans and fmt in _CUE_FORMATS and "-->" in text and not cue_formats.TIMING.search(text):
        raise TranscriptError(
            name,
            "no cue has a timing line that can be read (expected e.g. 00:01:02.500 --> 00:01:05.000)",
            "Export the subtitles again from your meeting tool, or export the transcript as .txt or .docx.",
        )
    if not spans:
        raise TranscriptError(
            name, "the file contains no speech", "Export the transcript again from your meeting tool."
        )
    return make_turn(text, UNLABELLED_SPEAKER, spans)
