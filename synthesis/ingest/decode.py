"""Bytes to text: BOMs, strict UTF-8, a guarded Windows-1252 check, then charset-normalizer.

The decoded text is returned exactly as decoded (line endings included); every offset in a parsed
transcript refers to it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from synthesis.ingest.errors import TranscriptError

MAX_BYTES = 20 * 1024 * 1024
_RESAVE = "Open it in a text editor and save it as UTF-8, then import it again."
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters a Western Windows-1252 text plausibly contains beyond ASCII.
# Characters a Western Windows-1252 text plausibly contains beyond ASCII: accented letters and common
# punctuation, not the symbols (superscripts, fractions, ¤ ¦ ¨ ¬ ¯ ¸) other code pages' letters turn into.
_CP1252_PLAUSIBLE = re.compile("[\u00a0¡¢£¥§©«®°±´·»¿À-ÖØ-öø-ÿ–—‘’‚“”„†‡•…‰€™ŒœŠšŽž]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CHAOS = 10.0  # charset-normalizer's mess ratio, in percent
_MIN_COHERENCE = 0.2


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the name of the encoding it was decoded from."""

    text: str
    encoding: str


def check_size(size: int, name: str) -> None:
    """Raise if a file of ``size`` bytes is empty or too large to import."""
    if size == 0:
        raise TranscriptError(
            name, "the file is empty", "Export the transcript again from your meeting tool."
        )
    if size > MAX_BYTES:
        raise TranscriptError(
            name,
            f"the file is {size / 1024 / 1024:.1f} MB, more than the {MAX_BYTES // 1024 // 1024} MB limit",
            "Split it into smaller files or export only the transcript text.",
        )


def decode(data: bytes, name: str) -> Decoded:
    """Decode transcript bytes, or raise TranscriptError rather than guess wrongly."""
    check_size(len(data), name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), encoding.removesuffix("-sig"), name)
    if b"\x00" in data:
        raise _binary(name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    cp1252 = _as_cp1252(data)
    if cp1252 is not None:
        return _checked(cp1252, "cp1252", name)
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.percent_chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        raise TranscriptError(name, "the text encoding could not be recognised with confidence", _RESAVE)
    return _checked(str(best), best.encoding, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TranscriptError(name, f"the file is not valid {encoding.upper()} text", _RESAVE) from exc


def _as_cp1252(data: bytes) -> str | None:
    """The text if the bytes read as plausible Western Windows-1252, else None.

    Other single-byte code pages (Cyrillic, Greek, Central European) decode without error as cp1252
    too, so accept only text whose non-ASCII characters are Western punctuation and accented letters
    and whose letters are mostly ASCII.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not all(_CP1252_PLAUSIBLE.fullmatch(ch) for ch in non_ascii):
        return None
    letters = sum(ch.isalpha() for ch in text)
    accented = sum(ch.isalpha() for ch in non_ascii)
    return text if accented <= 0.3 * letters else None


def _checked(text: str, encoding: str, name: str) -> Decoded:
    if not text.strip():
        raise TranscriptError(
            name, "the file has no text", "Export the transcript again from your meeting tool."
        )
    if len(_CONTROL.findall(text)) > len(text) / 100:
        raise _binary(name)
    return Decoded(text, encoding)


def _binary(name: str) -> TranscriptError:
    return TranscriptError(
        name,
        "this is a binary or unsupported file, not a text transcript",
        "Export the transcript as .txt, .vtt, .srt, .docx or a text-based .pdf.",
    )
