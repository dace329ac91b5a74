"""What every part of the report writer shares: the document, its styles and content, and small helpers."""

from __future__ import annotations

from docx.document import Document
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from synthesis.report.docx_parts import bookmark, styled_paragraph
from synthesis.report.shapes import ReportContent
from synthesis.report.template import MUTED, StyleSet

DRAFT_RED = RGBColor(0xB4, 0x23, 0x18)


class WriterBase:
    """The document being written, with the headings seen so far for the table of contents."""

    def __init__(self, document: Document, styles: StyleSet, content: ReportContent) -> None:
        self.doc = document
        self.styles = styles
        self.content = content
        self.toc: list[tuple[int, str]] = []
        self.toc_anchor: Paragraph | None = None

    def styled(self, text: str, style: str) -> Paragraph:
        return styled_paragraph(self.doc, self.styles, text, style)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.styled(text, f"Heading {level}")
        paragraph.paragraph_format.page_break_before = new_page or None
        if level <= 2:
            bookmark(paragraph, f"_Toc{len(self.toc) + 1:05d}", len(self.toc) + 1)
            self.toc.append((level, text))
        return paragraph

    def para(self, text: str = "", *, style: str | None = None, lead: str = "") -> Paragraph:
        paragraph = self.styled("", style) if style else self.doc.add_paragraph()
        if lead:
            paragraph.add_run(lead).bold = True
            paragraph.add_run(" ")
        if text:
            paragraph.add_run(text)
        return paragraph

    def note(self, text: str) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.italic = True
        run.font.size = Pt(9)
        run.font.color.rgb = MUTED
        return paragraph

    def space_after_table(self) -> None:
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(4)
