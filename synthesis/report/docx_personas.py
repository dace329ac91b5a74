"""The report's persona sections: one per persona with its themes and quotes, then the persona matrix."""

from __future__ import annotations

from docx.shared import Pt

from synthesis.report.docx_base import DRAFT_RED, WriterBase
from synthesis.report.docx_parts import add_table
from synthesis.report.persona_content import NOT_STATED
from synthesis.report.shapes import PersonaSection, Quote, ThemeEntry
from synthesis.report.template import ACCENT
from synthesis.workspace.matrix import NOT_STATED as NOT_SHOWN

MATRIX_COLUMNS = 4


def further_themes(count: int) -> str:
    """The note under a persona field that lists only its most prevalent themes."""
    if count == 1:
        return "1 further theme, held by as many respondents or fewer, is not listed."
    return f"{count} further themes, held by as many respondents or fewer, are not listed."


class PersonaWriter(WriterBase):
    """Writes the persona chapter and the persona matrix."""

    def personas(self) -> None:
        if not self.content.personas:
            return
        self.heading("Buyer personas", 1, new_page=True)
        self.para(
            "Each persona gathers respondents of one role at companies that fit a profile. A theme's "
            "prevalence (“2 of 3”) counts the persona's respondents who said it. Every quote is from the "
            "transcript, with fillers such as “um” shown as “…”; the evidence index gives each one verbatim. "
            "Thin evidence is marked: a persona of fewer than three respondents, a theme of one."
        )
        for index, persona in enumerate(self.content.personas):
            self.persona(persona, new_page=index > 0)

    def persona(self, persona: PersonaSection, *, new_page: bool) -> None:
        self.heading(persona.name, 2, new_page=new_page)
        for flag in persona.flags:
            self.flag(flag)
        if persona.warning:
            self.note(persona.warning)
        self.identity(persona)
        if persona.summary.strip():
            self.para(persona.summary).paragraph_format.space_before = Pt(4)
        group = ""
        for persona_field in persona.fields:
            if persona_field.group and persona_field.group != group:
                self.heading(persona_field.group, 3)
            group = persona_field.group
            if persona_field.group:
                lead = self.doc.add_paragraph()
                lead.paragraph_format.keep_with_next = True
                lead.paragraph_format.space_before = Pt(6)
                run = lead.add_run(persona_field.title)
                run.bold, run.italic, run.font.color.rgb = True, True, ACCENT
            else:
                self.heading(persona_field.title, 3)
            if not persona_field.themes:
                self.note(NOT_STATED)
            for theme in persona_field.themes:
                self.theme(theme)
            if persona_field.more_themes:
                self.note(further_themes(persona_field.more_themes))

    def flag(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(9.5), DRAFT_RED

    def identity(self, persona: PersonaSection) -> None:
        """Who the persona is, each fact with its evidence; the companies apart, as company facts."""
        rows = [
            ("Respondents", str(persona.respondents), ""),
            ("Linked ICP", ", ".join(persona.icps) or "Not linked to an ICP", ""),
            *((f.label, f.text, ", ".join(f.refs)) for f in persona.identity),
            ("Their companies", persona.company_facts or NOT_STATED, "ICP data"),
        ]
        add_table(
            self.doc, self.styles, ("Who they are", "From the interviews", "Evidence"), rows, (1.6, 5.1, 1.3)
        )
        self.space_after_table()

    def theme(self, theme: ThemeEntry) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(theme.label).bold = True
        tag = paragraph.add_run(
            f"   {theme.prevalence} respondents" + (f"; {theme.dissent}" if theme.dissent else "")
        )
        tag.font.color.rgb = ACCENT
        tag.font.size = Pt(9)
        for shown, text in (
            (theme.single_respondent, "one respondent only"),
            (theme.unreviewed, "unreviewed"),
        ):
            if shown:
                flag = paragraph.add_run(f"   {text}")
                flag.font.color.rgb, flag.font.size, flag.italic = DRAFT_RED, Pt(9), True
        for quote in theme.quotes:
            self.quote(quote)

    def quote(self, quote: Quote) -> None:
        text = self.styled(f"“{quote.shown or quote.text}”", "Quote")
        text.paragraph_format.keep_with_next = True
        where = f"{quote.interview}, {quote.timestamp}" if quote.timestamp else quote.interview
        self.styled(f"{quote.attribution} · {where} · {quote.ref}", "Caption")

    def matrix(self) -> None:
        matrix = self.content.matrix
        if matrix is None or not matrix.rows:
            return
        self.heading("Persona matrix", 1, new_page=True)
        self.para(
            "The same fields for every persona: each cell is the persona's strongest theme of the field and "
            "how many of its respondents hold it. A theme personas share is one row, its label in the first "
            "column."
        )
        for start in range(0, len(matrix.personas), MATRIX_COLUMNS):
            columns = range(start, min(start + MATRIX_COLUMNS, len(matrix.personas)))
            add_table(
                self.doc,
                self.styles,
                ["Field", *(matrix.personas[c] for c in columns)],
                [
                    [heading, *(cells[c] for c in columns)]
                    for heading, cells in matrix.rows
                    if " (shared): " not in heading or any(cells[c] != NOT_SHOWN for c in columns)
                ],
                (2.2, *([6 / len(columns)] * len(columns))),
            )
            self.space_after_table()
