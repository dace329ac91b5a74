"""Write a report's content into a Word document: title page, contents, summary, ICPs, personas, appendix."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from synthesis.report.docx_appendix import AppendixWriter
from synthesis.report.docx_base import DRAFT_RED
from synthesis.report.docx_icps import IcpWriter
from synthesis.report.docx_parts import add_field, fill_toc, update_fields_on_open
from synthesis.report.docx_personas import PersonaWriter
from synthesis.report.shapes import ReportContent
from synthesis.report.template import MUTED, StyleSet
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress

DRAFT_NOTE = "DRAFT: includes insights not yet reviewed"


class WritingCancelled(Exception):
    """The user stopped the export while the document was being written."""


class ReportWriter(IcpWriter, PersonaWriter, AppendixWriter):
    """The whole report: furniture, title page, contents and summary here; the sections in their mixins."""

    # -- page furniture ------------------------------------------------------------------------------
    def furniture(self) -> None:
        section = self.doc.sections[-1]
        section.different_first_page_header_footer = True
        header, footer = section.header, section.footer
        if not (self.styles.custom_template and _has_content(header.paragraphs)):
            paragraph = _first_empty(header.paragraphs) or header.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(" · ".join(p for p in (self.content.client, self.content.title) if p))
        if not any("PAGE" in p._p.xml for p in footer.paragraphs):
            paragraph = _first_empty(footer.paragraphs) or footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run("Page ")
            add_field(paragraph, "PAGE", "1")
            paragraph.add_run(" of ")
            add_field(paragraph, "NUMPAGES", "1")
        if self.content.draft:
            for part in (header, footer, section.first_page_header, section.first_page_footer):
                self._draft_line(part.add_paragraph())

    def _draft_line(self, paragraph: Paragraph) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(DRAFT_NOTE)
        run.bold = True
        run.font.color.rgb = DRAFT_RED

    # -- title page and contents ---------------------------------------------------------------------
    def title_page(self) -> None:
        content = self.content
        for _ in range(6):
            self.doc.add_paragraph()
        if content.client:
            label = self.doc.add_paragraph()
            run = label.add_run(content.client.upper())
            run.font.size, run.font.color.rgb, run.bold = Pt(11), MUTED, True
        self.styled(content.title, "Title")
        self.styled("Ideal customer profiles and buyer personas", "Subtitle")
        facts = [
            ("Prepared for", content.client),
            ("Prepared by", content.prepared_by),
            ("Date", f"{content.date.day} {content.date:%B %Y}"),
        ]
        for label_text, value in facts:
            if value:
                paragraph = self.doc.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(2)
                label_run = paragraph.add_run(f"{label_text}  ")
                label_run.font.color.rgb = MUTED
                paragraph.add_run(value)
        if content.anonymised:
            self.note(
                "People and companies are named by pseudonyms throughout."
            ).paragraph_format.space_before = Pt(18)
        if content.draft:
            stamp = self.doc.add_paragraph()
            stamp.paragraph_format.space_before = Pt(36)
            run = stamp.add_run("DRAFT")
            run.bold, run.font.size, run.font.color.rgb = True, Pt(40), DRAFT_RED
            self.para("This version includes insights that have not been reviewed yet. Do not circulate.")

    def contents(self) -> None:
        title = self.styled("Contents", "Title")
        title.paragraph_format.page_break_before = True
        title.paragraph_format.space_after = Pt(18)
        self.toc_anchor = self.doc.add_paragraph()

    def table_of_contents(self) -> None:
        """Fill the contents once every heading is known."""
        if self.toc_anchor is not None:
            fill_toc(self.doc, self.toc_anchor, self.toc)

    # -- body ----------------------------------------------------------------------------------------
    def summary(self) -> None:
        self.heading("Executive summary", 1, new_page=True)
        self.para(self.content.introduction)
        if not self.content.findings:
            self.note("No theme is held by more than one respondent yet, so there is no finding to report.")
        for number, finding in enumerate(self.content.findings, start=1):
            claim = self.para(finding.claim, lead=f"{number}.")
            claim.paragraph_format.space_before = Pt(8)
            claim.paragraph_format.space_after = Pt(2)
            claim.paragraph_format.keep_with_next = True
            implication = self.para(finding.implication, lead="Implication:")
            implication.paragraph_format.left_indent = Pt(14)
            implication.paragraph_format.space_after = Pt(0)
            implication.paragraph_format.keep_with_next = True
            self.note(f"Based on: {finding.basis}.").paragraph_format.left_indent = Pt(14)
        if self.content.draft:
            self.para("This version includes insights that have not been reviewed yet.", lead="Draft.")


def _has_content(paragraphs: list[Paragraph]) -> bool:
    return any(p.text.strip() or "graphic" in p._p.xml for p in paragraphs)


def _first_empty(paragraphs: list[Paragraph]) -> Paragraph | None:
    return next((p for p in paragraphs if not p.text.strip() and "graphic" not in p._p.xml), None)


def write_report(
    document: Document,
    styles: StyleSet,
    content: ReportContent,
    *,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> None:
    """Fill ``document`` (an empty template) with the report; raises WritingCancelled when cancelled."""
    writer = ReportWriter(document, styles, content)
    steps = (
        ("Title page", writer.title_page),
        ("Contents", writer.contents),
        ("Executive summary", writer.summary),
        ("Ideal customer profiles", writer.icps),
        ("Personas", writer.personas),
        ("Persona matrix", writer.matrix),
        ("Appendix", writer.appendix),
        ("Page headers", writer.furniture),
        ("Contents", writer.table_of_contents),
    )
    for number, (stage, step) in enumerate(steps):
        if cancel():
            raise WritingCancelled
        progress(number / len(steps), stage)
        step()
    update_fields_on_open(document)
