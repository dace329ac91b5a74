"""Self-test of an installed Groundwork: the main job end to end on one bundled sample, in a scratch folder.

It checks what a broken installation loses first: the migrations (workspace creation), the bundled sample
and parsers (import), the llama.cpp library and the bundled model (capability probe, always run afresh, with
a probe cache inside the scratch folder), persona synthesis, the Word template (export, then reopen) and the
anonymiser with its word-frequency data (an anonymised report and CSVs, scanned for every redacted name).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import as_file
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, func, select

from models.database import create_workspace
from models.tables import EvidenceSpan
from synthesis.demo import SAMPLES, export_demo_report
from synthesis.extraction.llm_choice import LlmUse, choose_extractor
from synthesis.extraction.run import run_extraction
from synthesis.importer import Outcome, import_paths
from synthesis.llm.probe_cache import ProbeCache
from synthesis.personas.synthesize import synthesize_personas
from synthesis.report.csv_export import export_csv
from synthesis.report.export import export_report
from synthesis.report.leak_scan import find_leaks
from synthesis.report.options import ReportOptions
from synthesis.report.redaction import review_candidates
from synthesis.tasks import no_progress

SAMPLE_FILE = "01-quillfield-software.txt"


class SelfTestError(RuntimeError):
    """A self-test step failed; the message names the step and the cause."""


@dataclass(frozen=True)
class StepResult:
    name: str
    detail: str
    seconds: float


Step = Callable[[], str]
"""Does one step's work and returns a one-line detail; raises on failure."""


def run_steps(steps: list[tuple[str, Step]], report: Callable[[StepResult], None]) -> list[StepResult]:
    """Run steps in order, reporting each; the first failure stops the run with a SelfTestError."""
    results = []
    for name, step in steps:
        started = time.perf_counter()
        try:
            detail = step()
        except Exception as exc:
            raise SelfTestError(f"{name} failed: {type(exc).__name__}: {exc}") from exc
        result = StepResult(name, detail, time.perf_counter() - started)
        report(result)
        results.append(result)
    return results


def check_report(path: Path) -> str:
    """Open the report with python-docx; it must hold a heading and some text."""
    import docx

    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise SelfTestError(f"{path.name} opened but holds no text")
    return f"{path.name}: {len(paragraphs)} paragraphs, {len(document.tables)} tables"


class _Pipeline:
    """The self-test's steps over one scratch folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.engine: Engine | None = None

    def _engine(self) -> Engine:
        if self.engine is None:
            raise SelfTestError("no workspace was created")
        return self.engine

    def create(self) -> str:
        self.engine = create_workspace(self.folder / "self-test.groundwork")
        return str(self.folder / "self-test.groundwork")

    def import_sample(self) -> str:
        with as_file(SAMPLES / "transcripts" / SAMPLE_FILE) as path:
            [result] = import_paths(self._engine(), [Path(path)])
        if result.outcome != Outcome.IMPORTED:
            raise SelfTestError(result.message)
        return result.message

    def extract(self) -> str:
        choice = choose_extractor(use=LlmUse.AUTO, cache=ProbeCache(self.folder / "probes.json"))
        summary = run_extraction(self._engine(), choice.extractor)
        with Session(self._engine()) as session:
            quotes = session.exec(select(func.count()).select_from(EvidenceSpan)).one()
        if not quotes:
            raise SelfTestError("extraction found no insight with evidence in the sample")
        return f"{summary.insights_stored} insights, {quotes} evidence quotes; {choice.reason}"

    def synthesise(self) -> str:
        report = synthesize_personas(self._engine())
        if not report.personas:
            raise SelfTestError("no persona was drafted from the sample")
        return ", ".join(p.name for p in report.personas)

    def export(self) -> str:
        path = self.folder / "self-test.docx"
        export_demo_report(self._engine(), path, progress=no_progress, cancel=lambda: False)
        return check_report(path)

    def export_anonymised(self) -> str:
        """Export an anonymised report and CSVs, then search every part of them for the redacted terms."""
        report = self.folder / "self-test-anonymised.docx"
        options = ReportOptions(anonymise=True, include_suggested=True)
        export_report(self._engine(), report, options, progress=no_progress, cancel=lambda: False)
        csv = export_csv(self._engine(), self.folder / "csv", anonymise=True)
        with Session(self._engine()) as session:
            terms = [c.term for c in review_candidates(session, "")]
        if not any(t.kind == "respondent" for t in terms):
            raise SelfTestError("the redaction review found no respondent to redact")
        leaks = find_leaks([report, csv.insights, csv.personas], terms)
        if leaks:
            first = leaks[0]
            raise SelfTestError(
                f"{len(leaks)} redacted terms remain, e.g. {first.term!r} in {first.file} {first.part}"
            )
        return f"{report.name} and 2 CSVs: none of {len(terms)} redacted terms found"

    def steps(self) -> list[tuple[str, Step]]:
        return [
            ("create workspace", self.create),
            ("import sample", self.import_sample),
            ("extract (bundled model, auto)", self.extract),
            ("synthesise personas", self.synthesise),
            ("export and reopen report", self.export),
            ("export anonymised and scan for names", self.export_anonymised),
        ]

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def run_self_test(folder: Path, report: Callable[[StepResult], None] = lambda _r: None) -> list[StepResult]:
    """Run every step in ``folder`` (an empty scratch folder); raises SelfTestError at the first failure."""
    pipeline = _Pipeline(folder)
    try:
        return run_steps(pipeline.steps(), report)
    finally:
        pipeline.close()
