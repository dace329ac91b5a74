"""The report's persona sections: one per persona with its themes and quotes, then the persona matrix."""

from __future__ import annotations

from docx.shared import Pt

from synthesis.report.docx_base import DRAFT_RED, WriterBase
from synthesis.report.docx_parts import add_table
from synthesis.report.shapes import PersonaSection, Quote
from synthesis.report.template import ACCENT

MATRIX_COLUMNS = 4


class PersonaWriter(WriterBase):
    """Writes the persona chapter and the persona matrix."""

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
        if persona.warning:
            self.note(persona.warning)
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
