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
            "Transcripts were imported and split into speaker turns. Candidate insights (roles, goals, "
            "pains, aspirations, buying behaviour) were found in respondents' words, each tied to a verbatim "
            "quote."
        )
        self.heading("What was reviewed", 3)
        self.para(method.review)
        counts = method.status_counts
        add_table(
            self.doc,
            self.styles,
            ("Suggested (not reviewed)", "Accepted", "Edited", "Rejected"),
            [tuple(str(counts.get(k, 0)) for k in ("suggested", "accepted", "edited", "rejected"))],
            (1, 1, 1, 1),
        )
        self.space_after_table()
        self.heading("Which model or rules did what", 3)
        for line in method.models:
            self.para(line)
        self.heading("How personas and themes were formed", 3)
        self.para(method.themes)
        self.para(
            "Every quote was checked word for word against its transcript before use: "
            f"{method.quotes_used} quotes are shown. A quote the extraction cut short (subtitle files split "
            "sentences across cues) is shown as the whole sentence of the transcript it belongs to, with the "
            "time of the cue it starts in."
        )
        self.heading("What was left out, and why", 3)
        for line in method.excluded:
            self.para(line, style="List Bullet")
        llm_runs = [r for r in method.runs if r.backend != "none"]
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
