"""Decoding transcript bytes, and the errors raised for files that cannot be imported."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pypdf
import pytest

from synthesis.ingest import TranscriptError, parse_bytes, parse_file
from synthesis.ingest.decode import MAX_BYTES, decode

TEXT = "Interviewer: What did it cost?\nRespondent: About €40,000 — “too much” for the café’s naïve résumé.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
def test_decodes_exactly(data: bytes, encoding: str) -> None:
    decoded = decode(data, "call.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    transcript = parse_bytes(data, "call.txt")
    assert transcript.text == TEXT
    assert transcript.turns[1].text == "About €40,000 — “too much” for the café’s naïve résumé."


def test_other_code_pages_are_not_mistaken_for_cp1252() -> None:
    polish = "Ankieter: Ile to kosztowało? Zażółć gęślą jaźń, to było drogie.\nRespondent: Za dużo złotych.\n"
    decoded = decode(polish.encode("cp1250"), "call.txt")
    assert (decoded.text, decoded.encoding) == (polish, "cp1250")


def test_crlf_is_kept() -> None:
    assert decode(b"A: hi\r\nB: yo\r\n", "x.txt").text == "A: hi\r\nB: yo\r\n"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


def _pdf_bytes(*, user_password: str | None) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    if user_password is not None:
        writer.encrypt(user_password, owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"", "interview.vtt", "the file is empty"),
        (b"  \n\t\n", "interview.txt", "the file has no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "interview.txt", "binary or unsupported"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "interview.txt", "not valid UTF-16"),
        (b"A: " + bytes(range(128, 256)) * 3, "interview.md", "encoding could not be recognised"),
        (b"A: hi", "interview.rtf", ".rtf is not a supported transcript type"),
        (b"A: hi", "interview", "a file without a suffix is not a supported"),
        (b"WEBVTT\n\n", "interview.vtt", "no speech"),
        (_zip_bytes(), "interview.docx", "Word document could not be read"),
        (b"plain text", "interview.docx", "not a Word document"),
        (_pdf_bytes(user_password="secret"), "interview.pdf", "password-protected"),
        (_pdf_bytes(user_password=None), "interview.pdf", "no text layer"),
        (b"%PDF-1.4 garbage", "interview.pdf", "PDF could not be read"),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "bad-utf16",
        "undecodable",
        "suffix",
        "no-suffix",
        "no-cues",
        "zip-docx",
        "text-docx",
        "encrypted-pdf",
        "image-pdf",
        "broken-pdf",
    ],
)
def test_bad_input_raises_transcript_error_naming_the_file(data: bytes, name: str, problem: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_bytes(data, name)
    error = caught.value
    assert error.path == name
    assert problem in error.problem
    assert error.hint
    assert str(error) == f"{name}: {error.problem}. {error.hint}"


def test_too_large_is_refused_before_decoding() -> None:
    with pytest.raises(TranscriptError, match=r"^big\.txt: the file is 20\.0 MB, more than the 20 MB limit"):
        parse_bytes(b"a" * (MAX_BYTES + 1), "big.txt")


def test_empty_file_message() -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_bytes(b"", "interview.vtt")
    assert (
        str(caught.value)
        == "interview.vtt: the file is empty. Export the transcript again from your meeting tool."
    )


def test_parse_file_errors(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match=r"^missing\.txt: the file does not exist"):
        parse_file(tmp_path / "missing.txt")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(TranscriptError, match=r"^folder\.md: the file could not be read"):
        parse_file(folder)
    good = tmp_path / "call.txt"
    good.write_bytes(TEXT.encode("cp1252"))
    assert parse_file(good).encoding == "cp1252"
