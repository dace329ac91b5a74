"""Write a report's content into a Word document: title page, contents, summary, ICPs, personas, appendix."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from synthesis.report.docx_parts import (
    add_field,
    add_table,
    fill_toc,
    styled_paragraph,
    update_fields_on_open,
)
from synthesis.report.shapes import IcpSection, PersonaSection, Quote, ReportContent
from synthesis.report.template import ACCENT, MUTED, StyleSet
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress

DRAFT_RED = RGBColor(0xB4, 0x23, 0x18)
MATRIX_COLUMNS = 4
DRAFT_NOTE = "DRAFT: includes insights not yet reviewed"
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


class WritingCancelled(Exception):
    """The user stopped the export while the document was being written."""


class ReportWriter:
    def __init__(self, document: Document, styles: StyleSet, content: ReportContent) -> None:
        self.doc = document
        self.styles = styles
        self.content = content
        self.toc: list[tuple[int, str]] = []
        self.toc_anchor: Paragraph | None = None

    # -- small helpers -------------------------------------------------------------------------------
    def styled(self, text: str, style: str) -> Paragraph:
        return styled_paragraph(self.doc, self.styles, text, style)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.styled(text, f"Heading {level}")
        paragraph.paragraph_format.page_break_before = new_page or None
        if level <= 2:
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
            fill_toc(self.doc, self.toc_anchor, TOC_INSTRUCTION, self.toc)

    # -- body ----------------------------------------------------------------------------------------
    def summary(self) -> None:
        self.heading("Executive summary", 1, new_page=True)
        for lead, text in self.content.summary:
            self.para(text, lead=f"{lead}." if lead and not lead.endswith(".") else lead)

    def icps(self) -> None:
        if not self.content.icps:
            return
        self.heading("Ideal customer profiles", 1, new_page=True)
        self.para(
            "Each profile is a small set of firmographic criteria. A company fits when none of its known "
            "values misses a criterion and at least half of the criteria are known; the score is the "
            "weighted share of criteria met."
        )
        for icp in self.content.icps:
            self.icp(icp)

    def icp(self, icp: IcpSection) -> None:
        self.heading(icp.name, 2)
        if icp.description:
            self.para(icp.description)
        self.heading("Criteria", 3)
        if len({weight for _, _, weight in icp.criteria}) > 1:
            add_table(self.doc, self.styles, ("Attribute", "Requirement", "Weight"), icp.criteria, (2, 5, 1))
        else:
            add_table(
                self.doc, self.styles, ("Attribute", "Requirement"), [c[:2] for c in icp.criteria], (2, 6)
            )
        self.space_after_table()
        self.heading("Interviewed companies", 3)
        add_table(
            self.doc,
            self.styles,
            ("Company", "Profile", "Relationship", "Fits", "Score", "Criteria missed"),
            [
                (
                    r.company,
                    _capital(r.profile),
                    _capital(r.relationship),
                    "Yes" if r.fits else "No",
                    str(r.score),
                    r.misses or "—",
                )
                for r in icp.companies
            ],
            (1.5, 2.5, 1.1, 0.6, 0.7, 2.6),
        )
        self.space_after_table()
        if icp.success:
            self.heading("Which values go with success", 3)
            self.para(
                "Share of decided companies that became customers (customers against churned and lost); "
                "prospects are shown but not counted."
            )
            rows: list[tuple[str, ...]] = []
            groups: list[int] = []
            attribute = ""
            for s in icp.success:
                if s.attribute != attribute:
                    attribute = s.attribute
                    groups.append(len(rows))
                    rows.append((attribute, "", "", "", "", ""))
                counts = (s.customers, s.churned, s.lost, s.prospects)
                rows.append((s.value, *map(str, counts), s.share))
            add_table(
                self.doc,
                self.styles,
                ("Value", "Customers", "Churned", "Lost", "Prospects", "Success"),
                rows,
                (3, 1, 1, 0.8, 1, 0.9),
                group_rows=groups,
            )
            self.space_after_table()
        if icp.outside:
            self.heading("Interviews outside this profile", 3)
            add_table(
                self.doc,
                self.styles,
                ("Interview", "Company", "Reason"),
                [(o.interview, o.company, o.reason) for o in icp.outside],
                (1.2, 1.6, 5),
            )
            self.space_after_table()

    def personas(self) -> None:
        if not self.content.personas:
            return
        self.heading("Buyer personas", 1, new_page=True)
        self.para(
            "Each persona gathers respondents of one role at companies that fit a profile. A theme's "
            "prevalence (“2 of 3”) counts the persona's respondents who said it; every quote is verbatim "
            "from the transcript and numbered in the evidence index."
        )
        for index, persona in enumerate(self.content.personas):
            self.persona(persona, new_page=index > 0)

    def persona(self, persona: PersonaSection, *, new_page: bool) -> None:
        self.heading(persona.name, 2, new_page=new_page)
        facts = [("Role", persona.role), ("Linked ICP", ", ".join(persona.icps) or "Not linked to an ICP")]
        facts.append(("Respondents", str(persona.respondents)))
        if persona.demographics.strip():
            facts.append(("Demographics", persona.demographics))
        for label, value in facts:
            paragraph = self.para(value, lead=f"{label}:")
            paragraph.paragraph_format.space_after = Pt(2)
        if persona.summary.strip():
            self.para(persona.summary).paragraph_format.space_before = Pt(8)
        for persona_field in persona.fields:
            self.heading(persona_field.title, 3)
            for theme in persona_field.themes:
                paragraph = self.doc.add_paragraph()
                paragraph.paragraph_format.keep_with_next = True
                paragraph.paragraph_format.space_before = Pt(6)
                paragraph.paragraph_format.space_after = Pt(2)
                paragraph.add_run(theme.label).bold = True
                tag = paragraph.add_run(
                    f"   {theme.prevalence}" + (f"; {theme.dissent}" if theme.dissent else "")
                )
                tag.font.color.rgb = ACCENT
                tag.font.size = Pt(9)
                if theme.unreviewed:
                    flag = paragraph.add_run("   unreviewed")
                    flag.font.color.rgb, flag.font.size, flag.italic = DRAFT_RED, Pt(9), True
                for quote in theme.quotes:
                    self.quote(quote)
            if persona_field.more_themes:
                self.note(
                    f"{persona_field.more_themes} further theme{'s' * (persona_field.more_themes != 1)}, "
                    "held by as many respondents or fewer, are not listed."
                )

    def quote(self, quote: Quote) -> None:
        text = self.styled(f"“{quote.text}”", "Quote")
        text.paragraph_format.keep_with_next = True
        where = f"{quote.interview}, {quote.timestamp}" if quote.timestamp else quote.interview
        self.styled(f"{quote.attribution} · {where} · {quote.ref}", "Caption")

    def matrix(self) -> None:
        matrix = self.content.matrix
        if matrix is None or not matrix.rows:
            return
        self.heading("Persona matrix", 1, new_page=True)
        self.para(
            "The strongest themes of each field against the personas; a cell gives the persona's prevalence "
            "of the theme, and a dot means the persona's respondents did not raise it."
        )
        for start in range(0, len(matrix.personas), MATRIX_COLUMNS):
            columns = range(start, min(start + MATRIX_COLUMNS, len(matrix.personas)))
            rows: list[list[str]] = []
            groups: list[int] = []
            current = ""
            for title, theme, cells in matrix.rows:
                if not any(cells[c] for c in columns):
                    continue
                if title != current:
                    groups.append(len(rows))
                    rows.append([title] + [""] * len(columns))
                    current = title
                rows.append([theme] + [cells[c] or "·" for c in columns])
            if not rows:
                continue
            add_table(
                self.doc,
                self.styles,
                ["Theme", *(matrix.personas[c] for c in columns)],
                rows,
                (3.2, *([1.3] * len(columns))),
                group_rows=groups,
            )
            self.space_after_table()

    # -- appendix ------------------------------------------------------------------------------------
    def appendix(self) -> None:
        content = self.content
        self.heading("Appendix A. Interviews", 1, new_page=True)
        rows = [(i.label, i.date, i.respondent, i.company, i.source) for i in content.interview_list]
        if any(i.date != "—" for i in content.interview_list):
            headers, widths = (
                ("Interview", "Date", "Respondent", "Company profile", "Source"),
                (1, 1, 2, 3, 2),
            )
        else:
            headers, widths = ("Interview", "Respondent", "Company profile", "Source"), (1, 2.2, 3.4, 2.2)
            rows = [(r[0], *r[2:]) for r in rows]
        add_table(self.doc, self.styles, headers, rows, widths)
        self.method()
        self.evidence()

    def method(self) -> None:
        method = self.content.method
        if method is None:
            return
        self.heading("Appendix B. Method and use of AI", 1, new_page=True)
        self.para(
            "Transcripts were imported and split into speaker turns. Insights (roles, goals, pains, "
            "aspirations, buying behaviour) were extracted from respondents' words, each tied to a "
            "verbatim quote, and reviewed by the consultants, who accepted, edited or rejected each one. "
            "Personas were drawn from respondents at companies that fit an ICP, grouping similar insights "
            "into themes."
        )
        used = (
            "accepted and edited insights, and suggested ones not yet reviewed"
            if method.include_suggested
            else "accepted and edited insights only"
        )
        self.para(
            f"This report uses {used}. Every quote was checked word for word against its transcript before "
            f"use: {method.quotes_used} quotes are shown"
            + (
                f" and {method.quotes_dropped} that did not match were left out."
                if method.quotes_dropped
                else "."
            )
        )
        model_runs = [r for r in method.runs if r.backend != "none"]
        if len(model_runs) < len(method.runs):
            versions = ", ".join(sorted({r.extractor_version for r in method.runs if r.backend == "none"}))
            self.para(
                f"Rule-based extraction ({versions}) found candidate insights without a language model."
            )
        for run in model_runs:
            self.heading(f"Language model run of {run.finished}", 3)
            add_table(
                self.doc,
                self.styles,
                ("Setting", "Value"),
                [
                    ("Model file", run.model_file),
                    ("SHA-256 (first 12)", run.model_sha256),
                    ("Quantisation", run.quantisation),
                    ("Backend", run.backend),
                    ("Settings", run.settings),
                    ("Extractor version", run.extractor_version),
                    ("Model output rejected", run.rejected),
                ],
                (2, 6),
            )
            self.space_after_table()
        self.heading("Review of insights", 3)
        counts = method.status_counts
        add_table(
            self.doc,
            self.styles,
            ("Suggested (not reviewed)", "Accepted", "Edited", "Rejected"),
            [tuple(str(counts.get(k, 0)) for k in ("suggested", "accepted", "edited", "rejected"))],
            (1, 1, 1, 1),
        )
        self.space_after_table()

    def evidence(self) -> None:
        if not self.content.evidence:
            return
        self.heading("Appendix C. Evidence index", 1, new_page=True)
        self.para("Every quote in this report, with the interview and the time it was said.")
        add_table(
            self.doc,
            self.styles,
            ("Ref", "Quote", "Interview", "Time"),
            [(q.ref, f"“{q.text}”", q.interview, q.timestamp or "—") for q in self.content.evidence],
            (0.6, 5.6, 1.1, 0.8),
        )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


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
