"""A transcript's text fingerprint: equal for the same words however the file was re-saved."""

from __future__ import annotations

import hashlib
import unicodedata


def text_fingerprint(text: str) -> str:
    """sha256 of the text in NFC with byte-order marks dropped and every run of whitespace made one space.

    The same transcript re-saved with a BOM, CRLF line endings, re-wrapped lines or trailing spaces gets the
    same fingerprint, so it is reported as a duplicate instead of being imported twice.
    """
    normalised = " ".join(unicodedata.normalize("NFC", text).replace("\ufeff", "").split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
