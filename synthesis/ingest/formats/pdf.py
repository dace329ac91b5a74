"""Text-based PDFs (pypdf): extracted text with runs of tabs and odd spaces made single spaces per line.

Before parsing, the inflated size of the file's streams is bounded (see ``pdf_bounds``); while reading,
the text is bounded by the import limit. Encrypted PDFs that open without a password (protected only
against editing, RC4 or AES) are read; one that needs a password to open is refused as such.
"""

from __future__ import annotations

import io
import re
from typing import NoReturn

import pypdf
from pypdf.errors import DependencyError, LimitReachedError

from synthesis.ingest.decode import MAX_BYTES, check_text_size
from synthesis.ingest.errors import TranscriptError
from synthesis.ingest.formats.pdf_bounds import inflated_size, page_content_size

MAX_INFLATED_BYTES = 64 * 1024 * 1024
"""The most a PDF's compressed streams may inflate to: far above a 20 MB transcript's text and layout."""
MAX_RATIO = 100
"""The highest inflated-to-packed ratio of one stream (text content packs 3-20 to 1; bombs 1,000 to 1)."""
RATIO_FREE_BYTES = 1024 * 1024
"""Streams inflating to less than this are not ratio-checked (a short, repetitive stream packs very well)."""
_SPACES = re.compile(r"[^\S\n]+")
_RESAVE = "Export the PDF again or save the transcript as .txt."


def extract(data: bytes, name: str) -> str:
    """The PDF's text, page after page, one line per extracted line."""
    check_inflated_size(data, name)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds of error for a damaged file
        raise TranscriptError(name, "this PDF could not be read", _RESAVE) from exc
    if encrypted and not _decrypts(reader, name):
        raise TranscriptError(
            name,
            "the PDF is password-protected",
            "Remove the password (print or save it unprotected) and import it again.",
        )
    pages, length = [], 0
    try:
        if encrypted:
            inflated = page_content_size(reader, MAX_INFLATED_BYTES)
            _check_size(inflated, inflated / len(data) if inflated > RATIO_FREE_BYTES else 0.0, name)
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            length += len(pages[-1])
            if length > MAX_BYTES:
                break
    except TranscriptError:
        raise
    except LimitReachedError:
        _bomb("a compressed stream unpacks past the PDF reader's limit", name)
    except Exception as exc:  # pypdf raises many kinds of error for a damaged file
        raise TranscriptError(
            name, "the text of this PDF could not be read", "Export the transcript as .txt or .docx."
        ) from exc
    raw = "\n".join(pages)
    check_text_size(raw, name)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in raw.splitlines())
    if not text.strip():
        raise TranscriptError(
            name,
            "the PDF has no text layer; it looks like scanned images",
            "Run text recognition (OCR) on it in your PDF tool, or export the transcript as .txt.",
        )
    return text


def check_inflated_size(data: bytes, name: str) -> None:
    """Raise TranscriptError when the PDF's streams inflate past the size or ratio limit."""
    _check_size(*inflated_size(data, MAX_INFLATED_BYTES, RATIO_FREE_BYTES), name)


def _check_size(inflated: int, ratio: float, name: str) -> None:
    if inflated > MAX_INFLATED_BYTES:
        problem = f"its compressed content unpacks to more than {MAX_INFLATED_BYTES // 1024**2} MB"
    elif ratio > MAX_RATIO:
        problem = f"its compressed content unpacks {ratio:,.0f} times larger than it is packed"
    else:
        return
    _bomb(problem, name)


def _bomb(problem: str, name: str) -> NoReturn:
    raise TranscriptError(
        name, f"{problem}, which a text transcript never does; it may be a decompression bomb", _RESAVE
    )


def _decrypts(reader: pypdf.PdfReader, name: str) -> bool:
    """Whether the PDF opens without a user password (encrypted only against editing)."""
    try:
        return bool(reader.decrypt(""))
    except DependencyError as exc:
        raise TranscriptError(
            name,
            "the PDF is encrypted with AES and the cryptography package is missing",
            "Reinstall Groundwork (it depends on cryptography), or save the PDF unprotected.",
        ) from exc
    except Exception:  # unsupported encryption or a damaged encryption dictionary
        return False
