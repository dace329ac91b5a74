"""The one-command demo: a workspace from the bundled samples, extracted, ICP-scored, synthesised, reported.

Everything runs on this machine from files shipped in the package; nothing is downloaded. Re-running into the
same folder starts fresh: the demo's own files there (``demo.groundwork`` and ``report.docx``) are replaced,
anything else in the folder is left alone.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, func, select

from models.database import create_workspace
from models.queries import company_named
from models.tables import Company, CompanyRelationship, Insight, Interview, WorkspaceSetting
from synthesis.extraction.llm_choice import LlmChoice, LlmUse, choose_extractor
from synthesis.icp.criteria import describe, parse_criterion
from synthesis.icp.fit import score_company
from synthesis.icp.store import create_icp, interviewed_companies, list_icps
from synthesis.importer import Outcome, import_paths
from synthesis.llm.base import LlmCancelled, LlmError
from synthesis.pipeline import run_synthesis
from synthesis.report.export import export_report
from synthesis.report.options import ReportError, ReportOptions
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress, sub_progress

WORKSPACE_NAME = "demo.groundwork"
REPORT_NAME = "report.docx"
SAMPLES = files("synthesis") / "samples"
INTERVIEWERS = ("Nadia Okoro", "Tom Lindqvist")
PREPARED_BY = "Nadia Okoro and Tom Lindqvist, Northpoint GTM"
"""The sample engagement's consultants: the report's "Prepared by" line and its author property."""
ICP_NAME = "Mid-market B2B software"
ICP_DESCRIPTION = (
    "Venture-backed B2B software companies of 100 to 1,000 people, Series B to D, running Salesforce or "
    "HubSpot, in North America or Europe."
)
ICP_CRITERIA = (
    "employees:100-1000",
    "funding:series b,series c,series d",
    "tech_stack:Salesforce,HubSpot",
    "geography:North America,Europe",
)
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class DemoError(RuntimeError):
    """The demo could not run; the message says why and what to do."""


class DemoCancelled(DemoError):
    """The user stopped the demo; its partial files were left in place."""


@dataclass(frozen=True)
class CompanyFitLine:
    company: str
    relationship: str
    score: int
    fits: bool


@dataclass(frozen=True)
class DemoResult:
    """What the demo produced, for the CLI summary and tests."""

    workspace: Path
    report: Path
    interviews: int
    companies: int
    insights: int
    llm_reason: str
    llm_led: bool
    icp_name: str
    icp_criteria: tuple[str, ...]
    fits: tuple[CompanyFitLine, ...]
    personas: tuple[str, ...]
    outside_icp: tuple[str, ...]
    seconds: float


def demo_files(out_dir: Path) -> list[Path]:
    """The files a demo run writes into ``out_dir`` (and replaces on a re-run)."""
    workspace = out_dir / WORKSPACE_NAME
    return [
        workspace,
        *(workspace.with_name(workspace.name + s) for s in _SQLITE_SIDE_FILES),
        out_dir / REPORT_NAME,
    ]


def _start_fresh(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for path in demo_files(out_dir):
            path.unlink(missing_ok=True)
    except OSError as exc:
        raise DemoError(f"{out_dir}: cannot prepare the demo folder ({exc}). Choose another folder.") from exc


def _import_samples(engine: Engine, progress: Progress, cancel: Cancel) -> None:
    with as_file(SAMPLES / "transcripts") as folder:
        results = import_paths(
            engine, [Path(folder)], interviewers=INTERVIEWERS, progress=progress, cancel=cancel
        )
    failed = [r.message for r in results if r.outcome == Outcome.FAILED]
    if failed:
        raise DemoError("sample transcripts could not be imported: " + "; ".join(failed))


def load_companies(session: Session) -> int:
    """Add the client's CRM records (samples/companies.json) and link each interview by transcript file name.

    A company the importer already created from a transcript's metadata is filled in, not duplicated.
    Returns the number of company records loaded.
    """
    entries = json.loads((SAMPLES / "companies.json").read_text(encoding="utf-8"))
    by_file = {i.source_file_name: i for i in session.exec(select(Interview))}
    for entry in entries:
        fields = {k: v for k, v in entry.items() if k != "transcript"}
        fields["relationship"] = CompanyRelationship(fields["relationship"])
        company = company_named(session, fields["name"]) or Company(name=fields["name"])
        for name, value in fields.items():
            setattr(company, name, value)
        session.add(company)
        session.flush()
        interview = by_file.get(entry["transcript"])
        if interview is not None:
            interview.company_id = company.id
            session.add(interview)
    session.commit()
    return len(entries)


def _fit_lines(session: Session) -> tuple[CompanyFitLine, ...]:
    icp = list_icps(session)[0]
    return tuple(
        CompanyFitLine(company.name, company.relationship.value, fit.score, fit.fits)
        for company in interviewed_companies(session)
        for fit in [score_company(company, icp.criteria)]
    )


def export_demo_report(engine: Engine, path: Path, *, progress: Progress, cancel: Cancel) -> None:
    """Write the Word report with suggested insights included (marked DRAFT: nothing has been reviewed)."""
    try:
        summary = export_report(
            engine, path, ReportOptions(include_suggested=True), progress=progress, cancel=cancel
        )
    except ReportError as exc:
        raise DemoError(f"the report could not be written: {exc}") from exc
    if summary.cancelled:
        raise DemoCancelled("the demo was stopped before the report was written.")


def run_demo(out_dir: Path, *, progress: Progress = no_progress, cancel: Cancel = never_cancel) -> DemoResult:
    """Build ``out_dir/demo.groundwork`` and ``out_dir/report.docx`` from the bundled samples, offline."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    _start_fresh(out_dir)
    workspace = out_dir / WORKSPACE_NAME
    engine = create_workspace(workspace)
    try:
        progress(0.0, "Importing the sample transcripts")
        _import_samples(engine, sub_progress(progress, 0.0, 0.1), cancel)
        with Session(engine) as session:
            companies = load_companies(session)
            session.add(WorkspaceSetting(key="client", value="Tallyline"))
            session.add(WorkspaceSetting(key="interviewers", value=list(INTERVIEWERS)))
            session.add(WorkspaceSetting(key="prepared_by", value=PREPARED_BY))
            session.commit()
        with Session(engine) as session:
            create_icp(session, ICP_NAME, [parse_criterion(t) for t in ICP_CRITERIA], ICP_DESCRIPTION)
        _check(cancel)
        progress(0.1, "Checking the bundled language model (capability probe)")
        outcome = run_synthesis(
            engine,
            _choose_llm,
            on_reason=lambda reason: progress(0.1, reason),
            progress=sub_progress(progress, 0.1, 0.8),
            cancel=cancel,
        )
        _check(cancel)
        if outcome.personas is None:
            raise DemoError(f"extraction did not complete ({outcome.extraction.status}); run the demo again.")
        export_demo_report(
            engine, out_dir / REPORT_NAME, progress=sub_progress(progress, 0.8, 1.0), cancel=cancel
        )
        _check(cancel)
        with Session(engine) as session:
            interviews = session.exec(select(func.count()).select_from(Interview)).one()
            insights = session.exec(select(func.count()).select_from(Insight)).one()
            fits = _fit_lines(session)
            criteria = tuple(describe(c) for c in list_icps(session)[0].criteria)
    finally:
        engine.dispose()
    progress(1.0, "Demo finished")
    return DemoResult(
        workspace=workspace,
        report=out_dir / REPORT_NAME,
        interviews=interviews,
        companies=companies,
        insights=insights,
        llm_reason=outcome.reason,
        llm_led=outcome.extraction.llm_led,
        icp_name=ICP_NAME,
        icp_criteria=criteria,
        fits=fits,
        personas=tuple(p.name for p in outcome.personas.personas),
        outside_icp=tuple(o.reason for o in outcome.personas.outside_icp),
        seconds=time.perf_counter() - started,
    )


def _choose_llm(cancel: Cancel, progress: Progress) -> LlmChoice:
    """The bundled model in auto mode: it leads extraction only if its capability probe passes."""
    try:
        choice = choose_extractor(use=LlmUse.AUTO, cancel=cancel, progress=progress)
    except LlmCancelled as exc:
        raise DemoCancelled("the demo was stopped during the model check.") from exc
    except LlmError as exc:
        raise DemoError(f"the bundled language model could not be used: {exc}") from exc
    _check(cancel)
    return choice


def _check(cancel: Cancel) -> None:
    if cancel():
        raise DemoCancelled("the demo was stopped; run it again to start fresh.")
