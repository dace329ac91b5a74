"""Word documents (python-docx): the paragraphs' text, one paragraph per line.

Both plain documents with labelled paragraphs and Teams ``.docx`` transcripts (``Name   0:03`` header
paragraphs) become text here; the text parsers do the rest. The package is checked before python-docx
parses it: its unpacked size and each part's compression ratio are bounded, so a small zip bomb is refused
at once instead of filling memory (zipfile never inflates a part past the size its header declares).
"""

from __future__ import annotations

import io
import zipfile

import docx

from synthesis.ingest.errors import TranscriptError

MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
"""The most a .docx may unpack to: a 20 MB transcript's XML fits; python-docx needs ~10x this in memory."""
MAX_RATIO = 100
"""The highest compression ratio of one part (Word's own XML packs 5-20 to 1; zip bombs 1,000 to 1)."""
RATIO_FREE_BYTES = 1024 * 1024
"""Parts smaller than this unpacked are not ratio-checked (tiny repetitive parts compress very well)."""
_RESAVE = "Open it in Word and save it again as a .docx document, or export the transcript as .txt."


def extract(data: bytes, name: str) -> tuple[str, str | None]:
    """The document's paragraphs joined with newlines, and its title property if set."""
    check_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        title = document.core_properties.title or None
    except Exception as exc:  # python-docx raises many kinds of error for a damaged or foreign package
        raise TranscriptError(name, "this Word document could not be read", _RESAVE) from exc
    return text, title


def check_package(data: bytes, name: str) -> None:
    """Raise TranscriptError unless ``data`` is a zip whose unpacked size and ratios are within bounds."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise TranscriptError(name, "this is not a Word document (.docx)", _RESAVE) from exc
    unzipped = sum(info.file_size for info in parts)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise TranscriptError(
            name,
            f"the Word document unpacks to {unzipped / 1024**2:,.0f} MB, more than the "
            f"{MAX_UNZIPPED_BYTES // 1024**2} MB limit",
            "Split the transcript into smaller documents or export it as .txt.",
        )
    for info in parts:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FREE_BYTES and ratio > MAX_RATIO:
            raise TranscriptError(
                name,
                f"its part {info.filename} unpacks {ratio:,.0f} times larger than it is packed "
                f"({info.compress_size / 1024:,.0f} KB to {info.file_size / 1024**2:,.0f} MB), which a Word "
                "document never does; it may be a zip bomb",
                _RESAVE,
            )
