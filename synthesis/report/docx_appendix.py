"""The report's appendices: the interviews, the method and use of AI, and the evidence index."""

from __future__ import annotations

from synthesis.report.docx_base import WriterBase
from synthesis.report.docx_parts import add_table


class AppendixWriter(WriterBase):
    """Writes the appendices: interviews, method and evidence index."""

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
        llm_runs = [r for r in method.runs if r.backend != "none"]
        if len(llm_runs) < len(method.runs):
            versions = ", ".join(sorted({r.extractor_version for r in method.runs if r.backend == "none"}))
            self.para(
                f"Rule-based extraction ({versions}) found candidate insights without a language model."
            )
        for run in llm_runs:
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
        rows = [
            (
                q.ref,
                f"“{q.text}”",
                f"{q.interview}\n{q.respondent}" if q.respondent else q.interview,
                q.timestamp or "—",
            )
            for q in self.content.evidence
        ]
        add_table(self.doc, self.styles, ("Ref", "Quote", "Interview", "Time"), rows, (0.6, 5.6, 1.1, 0.8))
