"""Hostile transcript files written on the fly (never committed): zip and PDF bombs, mixed encodings.

Shared by ``tests/reliability/`` and ``tests/benchmarks/bench_bombs.py``. The bombs are small files that
unpack to hundreds of megabytes; they are written in pieces, so building them takes little memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import pypdf

MB = 1024 * 1024
_PIECE = b"<w:p><w:r><w:t>all work and no play</w:t></w:r></w:p>" * 1024
_MINIMAL_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}
_DOC_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_DOC_TAIL = b"</w:body></w:document>"


def docx_bomb(unpacked_mb: int) -> bytes:
    """A .docx whose document.xml unpacks to about ``unpacked_mb`` MB of repeated paragraphs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _MINIMAL_DOCX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_DOC_HEAD)
            for _ in range(unpacked_mb * MB // len(_PIECE)):
                part.write(_PIECE)
            part.write(_DOC_TAIL)
    return buffer.getvalue()


def docx_with_text(paragraphs: list[str]) -> bytes:
    """A minimal, valid .docx with these paragraphs (XML-safe text), deflated as Word does."""
    buffer = io.BytesIO()
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _MINIMAL_DOCX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("word/document.xml", _DOC_HEAD + body.encode() + _DOC_TAIL)
    return buffer.getvalue()


def pdf_bomb(unpacked_mb: int) -> bytes:
    """A one-page PDF whose content stream inflates to about ``unpacked_mb`` MB of no-op operators."""
    compressor = zlib.compressobj(9)
    piece = b"q Q " * 16384
    packed = b"".join(compressor.compress(piece) for _ in range(unpacked_mb * MB // len(piece)))
    return _one_page_pdf(packed + compressor.flush())


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with these lines of text (Helvetica, ASCII), its content stream deflated."""
    shown = b" ".join(b"(%s) Tj T*" % line.encode("ascii") for line in lines)
    content = b"BT /F1 11 Tf 14 TL 40 760 Td " + shown + b" ET"
    return _one_page_pdf(zlib.compress(content))


def encrypted(pdf: bytes, *, user_password: str, owner_password: str, algorithm: str = "AES-256") -> bytes:
    """``pdf`` encrypted by pypdf (an empty user password opens it without asking)."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _one_page_pdf(packed_content: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed_content)
        + packed_content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


MIXED_LINES = [
    ("Interviewer: Thanks for joining, José Müller.", "utf-8"),
    ("José Müller: Happy to help. Our CRM data is always out of date.", "utf-8"),
    ("Interviewer: What does that cost the team?", "cp1252"),
    ("José Müller: Forecasting takes forever; we re-check every deal by hand, café included.", "cp1252"),
]


def mixed_encoding_bytes() -> bytes:
    """A transcript whose lines mix UTF-8 and Windows-1252, as when pieces of files are pasted together."""
    return b"".join((text + "\n").encode(encoding) for text, encoding in MIXED_LINES)
