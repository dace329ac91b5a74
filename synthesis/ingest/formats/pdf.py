"""Text-based PDFs (pypdf): extracted text with runs of tabs and odd spaces made single spaces per line."""

from __future__ import annotations

import io
import re

import pypdf

from synthesis.ingest.errors import TranscriptError

_SPACES = re.compile(r"[^\S\n]+")


def extract(data: bytes, name: str) -> str:
    """The PDF's text, page after page, one line per extracted line."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds of error for a damaged file
        raise TranscriptError(
            name, "this PDF could not be read", "Export the PDF again or save the transcript as .txt."
        ) from exc
    if encrypted and not _decrypts(reader):
        raise TranscriptError(
            name,
            "the PDF is password-protected",
            "Remove the password (print or save it unprotected) and import it again.",
        )
    try:
        raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # pypdf raises many kinds of error for a damaged file
        raise TranscriptError(
            name, "the text of this PDF could not be read", "Export the transcript as .txt or .docx."
        ) from exc
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in raw.splitlines())
    if not text.strip():
        raise TranscriptError(
            name,
            "the PDF has no text layer; it looks like scanned images",
            "Run text recognition (OCR) on it in your PDF tool, or export the transcript as .txt.",
        )
    return text


def _decrypts(reader: pypdf.PdfReader) -> bool:
    """Whether the PDF opens without a user password (encrypted only against editing)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported encryption or a damaged encryption dictionary
        return False
