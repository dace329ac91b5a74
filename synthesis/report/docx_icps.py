"""The report's ICP sections: criteria, interviewed companies, values that go with success, outsiders."""

from __future__ import annotations

from synthesis.report.docx_base import DRAFT_RED, WriterBase
from synthesis.report.docx_parts import add_table
from synthesis.report.icp_content import MIN_SUCCESS_COMPANIES, fit_text, success_text
from synthesis.report.shapes import IcpSection

NO_ICP = "No ICP is defined in this workspace: personas were drawn from all respondents."


class IcpWriter(WriterBase):
    """Writes the ICP chapter, one section per profile."""

    def icps(self) -> None:
        self.heading("Ideal customer profiles", 1, new_page=True)
        if not self.content.icps:
            self.note(NO_ICP)
            return
        self.para(
            "Each profile is a small set of firmographic criteria. A company fits when none of its known "
            "values misses a criterion and at least half of the criteria are known. A company that misses a "
            "criterion does not fit, whatever else it meets."
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
        self._companies(icp)
        if icp.separation:
            paragraph = self.para(icp.separation)
            if icp.separates is False:
                paragraph.runs[0].font.color.rgb = DRAFT_RED
                paragraph.runs[0].bold = True
        if icp.success:
            self._success(icp)
        if icp.outside:
            self._outside(icp)

    def _companies(self, icp: IcpSection) -> None:
        self.heading("Interviewed companies", 3)
        add_table(
            self.doc,
            self.styles,
            ("Company", "Profile", "Relationship", "Fit"),
            [(r.company, _capital(r.profile), _capital(r.relationship), fit_text(r)) for r in icp.companies],
            (1.5, 2.6, 1.1, 3.3),
        )
        self.space_after_table()

    def _success(self, icp: IcpSection) -> None:
        self.heading("Which values go with success", 3)
        self.para(
            "Share of decided companies (n: customers, churned and lost) that became customers; prospects "
            f"are shown but not counted. The client's own product is left out. Rows from fewer than "
            f"{MIN_SUCCESS_COMPANIES} companies are marked: too few to read as a pattern."
        )
        rows: list[tuple[str, ...]] = []
        groups: list[int] = []
        attribute = ""
        for s in icp.success:
            if s.attribute != attribute:
                attribute = s.attribute
                groups.append(len(rows))
                rows.append((attribute, "", "", "", "", "", ""))
            counts = (s.customers, s.churned, s.lost, s.prospects, s.decided)
            rows.append((s.value, *map(str, counts), success_text(s)))
        add_table(
            self.doc,
            self.styles,
            ("Value", "Customers", "Churned", "Lost", "Prospects", "n", "Success"),
            rows,
            (2.6, 1, 0.9, 0.7, 1, 0.5, 1.5),
            group_rows=groups,
        )
        if icp.success_left_out:
            self.note(
                f"{icp.success_left_out} value{'s' * (icp.success_left_out != 1)} seen at only one decided "
                "company are left out."
            )
        self.space_after_table()

    def _outside(self, icp: IcpSection) -> None:
        self.heading("Interviews outside this profile", 3)
        add_table(
            self.doc,
            self.styles,
            ("Interview", "Company", "Reason"),
            [(o.interview, o.company, o.reason) for o in icp.outside],
            (1.2, 1.6, 5),
        )
        self.space_after_table()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
