"""Bytes to text: BOMs, UTF-16/32 without a BOM, strict UTF-8, UTF-8 mixed with Windows-1252 line by line,
a guarded Windows-1252 check, then charset-normalizer (whose guess is always named in a warning).

The decoded text is returned exactly as decoded (line endings included); every offset in a parsed
transcript refers to it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from synthesis.ingest.errors import TranscriptError
from synthesis.ingest.wide import wide_encoding

MAX_BYTES = 20 * 1024 * 1024
_RESAVE = "Open it in a text editor and save it as UTF-8, then import it again."
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters a Western Windows-1252 text plausibly contains beyond ASCII: accented letters and common
# punctuation, not the symbols (superscripts, fractions, ¤ ¦ ¨ ¬ ¯ ¸) other code pages' letters turn into.
_CP1252_PLAUSIBLE = re.compile("[\u00a0¡¢£¥§©«®°±´·»¿À-ÖØ-öø-ÿ–—‘’‚“”„†‡•…‰€™ŒœŠšŽž]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CHAOS = 10.0  # charset-normalizer's mess ratio, in percent
_MIN_COHERENCE = 0.2


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the name of the encoding it was decoded from, and what the user should check."""

    text: str
    encoding: str
    warning: str | None = None


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


def check_text_size(text: str, name: str) -> None:
    """Raise if text extracted or decoded from a file is longer than the import limit allows."""
    if len(text) > MAX_BYTES:
        raise TranscriptError(
            name,
            f"its text is {len(text):,} characters long, more than the {MAX_BYTES:,}-character "
            f"({MAX_BYTES // 1024 // 1024} MB) limit",
            "Split it into smaller files or export only the transcript text.",
        )


def decode(data: bytes, name: str) -> Decoded:
    """Decode transcript bytes, or raise TranscriptError rather than guess wrongly."""
    check_size(len(data), name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), encoding.removesuffix("-sig"), name)
    if b"\x00" in data:
        return _wide(data, name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    mixed = _mixed(data, name)
    if mixed is not None:
        return mixed
    cp1252 = _as_cp1252(data)
    if cp1252 is not None:
        return _checked(cp1252, "cp1252", name)
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.percent_chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        raise TranscriptError(name, "the text encoding could not be recognised with confidence", _RESAVE)
    guessed = _checked(str(best), best.encoding, name)
    warning = f"The text encoding was not marked; it was read as {best.encoding}. Check names and accents."
    return Decoded(guessed.text, guessed.encoding, warning)


def _wide(data: bytes, name: str) -> Decoded:
    """Text in UTF-16/32 without a byte-order mark, or a clear refusal of a binary file."""
    encoding = wide_encoding(data)
    if encoding is None:
        raise _binary(name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        problem = f"the file looks like {encoding.upper()} text without a byte-order mark, but is not valid"
        raise TranscriptError(name, problem, _RESAVE) from exc
    decoded = _checked(text, encoding, name)
    warning = f"The file has no byte-order mark; it was read as {encoding.upper()}."
    return Decoded(decoded.text, decoded.encoding, warning)


def _mixed(data: bytes, name: str) -> Decoded | None:
    """UTF-8 lines mixed with Windows-1252 lines, decoded line by line; None when no line is UTF-8 beyond
    ASCII (then the file is in one single-byte encoding). Raises when the other lines are not cp1252."""
    lines = data.splitlines(keepends=True)
    decoded, legacy, utf8 = [], [], 0
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            legacy.append(number)
            decoded.append(_as_cp1252(line) or "")
    if not utf8:
        return None
    if not all(decoded[number - 1] for number in legacy):
        raise TranscriptError(
            name,
            f"the file mixes encodings: line {legacy[0]} and {len(legacy) - 1} more are not UTF-8, while "
            f"{utf8} lines are, and they do not read as Windows-1252 either",
            _RESAVE,
        )
    shown = ", ".join(map(str, legacy[:5])) + (" …" if len(legacy) > 5 else "")
    lines_were = f"{len(legacy)} lines ({shown}) were" if len(legacy) > 1 else f"line {shown} was"
    warning = (
        f"The file mixes encodings: {lines_were} not UTF-8 and read as Windows-1252. "
        "Check names and accents there."
    )
    checked = _checked("".join(decoded), "utf-8+cp1252", name)
    return Decoded(checked.text, checked.encoding, warning)


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
