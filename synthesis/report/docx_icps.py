"""The report's ICP sections: criteria, interviewed companies, values that go with success, outsiders."""

from __future__ import annotations

from synthesis.report.docx_base import WriterBase
from synthesis.report.docx_parts import add_table
from synthesis.report.shapes import IcpSection


class IcpWriter(WriterBase):
    """Writes the ICP chapter, one section per profile."""

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
        self._companies(icp)
        if icp.success:
            self._success(icp)
        if icp.outside:
            self._outside(icp)

    def _companies(self, icp: IcpSection) -> None:
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

    def _success(self, icp: IcpSection) -> None:
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
            rows.append((s.value, *map(str, counts), f"{s.share:.0%}" if s.share is not None else "—"))
        add_table(
            self.doc,
            self.styles,
            ("Value", "Customers", "Churned", "Lost", "Prospects", "Success"),
            rows,
            (3, 1, 1, 0.8, 1, 0.9),
            group_rows=groups,
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
