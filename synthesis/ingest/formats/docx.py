"""Word documents (python-docx): the paragraphs' text, one paragraph per line.

Both plain documents with labelled paragraphs and Teams ``.docx`` transcripts (``Name   0:03`` header
paragraphs) become text here; the text parsers do the rest.
"""

from __future__ import annotations

import io
import zipfile

import docx

from synthesis.ingest.errors import TranscriptError

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_RESAVE = "Open it in Word and save it again as a .docx document, or export the transcript as .txt."


def extract(data: bytes, name: str) -> tuple[str, str | None]:
    """The document's paragraphs joined with newlines, and its title property if set."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise TranscriptError(name, "this is not a Word document (.docx)", _RESAVE) from exc
    if unzipped > MAX_UNZIPPED_BYTES:
        raise TranscriptError(name, "the Word document is too large when unpacked", _RESAVE)
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        title = document.core_properties.title or None
    except Exception as exc:  # python-docx raises many kinds of error for a damaged or foreign package
        raise TranscriptError(name, "this Word document could not be read", _RESAVE) from exc
    return text, title
