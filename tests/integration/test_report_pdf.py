"""The sample report converts to PDF with LibreOffice headless and reads as a finished document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.integration.report_pages import render_pages

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def test_report_converts_to_a_paginated_pdf(tmp_path: Path) -> None:
    pages = render_pages(tmp_path)
    reader = PdfReader(tmp_path / "report.pdf")
    count = len(reader.pages)
    assert count >= 10
    text = [page.extract_text() for page in reader.pages]
    assert "Customer discovery" in text[0] and "Page" not in text[0]
    assert "Contents" in text[1] and "Executive summary" in text[1]
    assert f"Page 3 of {count}" in text[2] and "Executive summary" in text[2]
    assert any("Appendix C. Evidence index" in page for page in text[-4:])
    if shutil.which("pdftoppm"):
        assert len(pages) == count
