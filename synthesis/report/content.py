"""Gather the plain content of a report from a workspace: what the Word writer (or a test) works from.

Only accepted and edited insights are used unless drafts are asked for; every quote is checked verbatim
against its respondent turn's text at its offsets; one that does not verify is left out and counted.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.tables import ExtractionRun, Insight, InsightStatus, Persona, RunChunk, WorkspaceSetting
from synthesis.extraction.run import INVALID_REPLIES
from synthesis.icp.store import interviewed_companies, list_icps
from synthesis.personas.query import persona_profile
from synthesis.report.icp_content import icp_section
from synthesis.report.labels import Labels, build_labels
from synthesis.report.options import ReportError, ReportOptions
from synthesis.report.persona_content import QuoteBook, allowed_statuses, persona_matrix, persona_section
from synthesis.report.shapes import InterviewEntry, MethodSection, ReportContent, RunEntry
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress

FORMAT_NAMES = {
    "zoom": "Zoom transcript",
    "otter": "Otter.ai export",
    "webvtt": "WebVTT captions",
    "srt": "SubRip captions",
    "labelled": "Labelled text",
    "rev": "Rev transcript",
    "docx": "Word document",
    "pdf": "PDF",
}


class ReportCancelled(Exception):
    """The user stopped the export."""


def _setting(session: Session, key: str) -> str:
    row = session.get(WorkspaceSetting, key)
    return str(row.value).strip() if row and isinstance(row.value, str | int | float) else ""


def _chosen(requested: tuple[int, ...], available: list[int], what: str) -> list[int]:
    unknown = sorted(set(requested) - set(available))
    if unknown:
        raise ReportError(
            f"no {what} with id {', '.join(map(str, unknown))}; the workspace has "
            f"{', '.join(map(str, available)) or 'none'}."
        )
    return [i for i in available if i in requested] if requested else available


def _period(labels: Labels) -> str:
    dates = sorted(i.date for i in labels.interviews.values() if i.date)
    if not dates:
        return ""
    first, last = dates[0].strftime("%B %Y"), dates[-1].strftime("%B %Y")
    return f"in {first}" if first == last else f"between {first} and {last}"


def _interview_list(labels: Labels) -> list[InterviewEntry]:
    entries = []
    for interview_id, interview in sorted(labels.interviews.items()):
        company = labels.company_of(interview_id)
        source = FORMAT_NAMES.get(interview.format, interview.format)
        if not labels.anonymiser:
            source = f"{source}\n{interview.source_file_name}"
        entries.append(
            InterviewEntry(
                labels.interview(interview_id),
                labels.date(interview_id),
                labels.respondent(interview_id),
                f"{labels.company(company)}: {labels.profile(company)}" if company else "—",
                source,
            )
        )
    return entries


def _method(session: Session, options: ReportOptions, book: QuoteBook) -> MethodSection:
    statuses = Counter(session.exec(select(Insight.status)).all())
    run_ids = set(session.exec(select(Insight.run_id).where(col(Insight.run_id).is_not(None))).all())
    runs = []
    for run in session.exec(select(ExtractionRun).where(col(ExtractionRun.id).in_(run_ids))):
        settings = {
            "context": run.context_size,
            "temperature": run.temperature,
            "seed": run.seed,
            "prompt": run.prompt_version,
        }
        runs.append(
            RunEntry(
                run.extractor_version,
                run.backend,
                run.model_file or "none (rule-based extraction)",
                (run.model_sha256 or "")[:12] or "—",
                run.quantisation or "—",
                ", ".join(f"{k} {v}" for k, v in settings.items() if v is not None) or "—",
                (run.finished_at or run.started_at).strftime("%d %b %Y"),
                _rejected(session, run),
            )
        )
    return MethodSection(
        tuple(runs),
        {status.value: statuses.get(status, 0) for status in InsightStatus},
        len(book.used),
        book.dropped,
        options.include_suggested,
    )


def _rejected(session: Session, run: ExtractionRun) -> str:
    """The model output a run rejected, in words for the method appendix."""
    dropped = session.exec(
        select(func.coalesce(func.sum(RunChunk.quotes_dropped), 0)).where(RunChunk.run_id == run.id)
    ).one()
    invalid = int(run.settings.get(INVALID_REPLIES, 0))
    return (
        f"{invalid} replies failed the output schema; {dropped} quotes dropped (not verbatim "
        "respondent text, or too short to count as evidence)"
    )


SUMMARY_FIELDS = ("Goals and responsibilities", "Pains", "Buying behaviour")
"""The persona fields whose strongest theme the executive summary names."""


def _summary(content: ReportContent) -> list[tuple[str, str]]:
    period = f" {content.period}" if content.period else ""
    lines = [
        (
            "",
            f"This report draws on {content.interviews} interviews{period} with {content.respondents} "
            f"respondents at {content.companies} companies.",
        )
    ]
    for icp in content.icps:
        fitting = sum(r.fits for r in icp.companies)
        criteria = "; ".join(f"{a.lower()} {r}" for a, r, _ in icp.criteria)
        text = f"{fitting} of {len(icp.companies)} interviewed companies fit this profile ({criteria})."
        lines.append((icp.name, f"{icp.description} {text}".strip()))
    for persona in content.personas:
        parts = [f"{persona.respondents} respondent{'s' * (persona.respondents != 1)}."]
        for persona_field in persona.fields:
            if persona_field.themes and persona_field.title in SUMMARY_FIELDS:
                top = persona_field.themes[0]
                parts.append(f"{persona_field.title}: {top.label.rstrip('.…')} ({top.prevalence}).")
        lines.append((persona.name, " ".join(parts)))
    if content.draft:
        lines.append(("Draft", "This version includes insights that have not been reviewed yet."))
    return lines


def gather_content(
    session: Session,
    options: ReportOptions,
    *,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> ReportContent:
    """The report's content; raises ReportError for unknown persona or ICP ids, ReportCancelled on cancel."""
    client = options.client or _setting(session, "client")
    labels = build_labels(session, anonymise=options.anonymise, client=client, decisions=options.redaction)
    icps = list_icps(session)
    icp_ids = _chosen(options.icp_ids, [i.id for i in icps], "ICP")
    persona_ids = _chosen(
        options.persona_ids,
        [p for p in session.exec(select(Persona.id).order_by(col(Persona.id)))],
        "persona",
    )
    respondents = set(labels.respondent_numbers.values())
    content = ReportContent(
        client=client,
        title=labels.text(options.title or _setting(session, "engagement_title"))
        or "Customer interview findings",
        prepared_by=options.prepared_by or _setting(session, "prepared_by"),
        date=options.date,
        draft=options.draft,
        anonymised=options.anonymise,
        interviews=len(labels.interviews),
        companies=len({i.company_id for i in labels.interviews.values() if i.company_id}),
        respondents=len(respondents),
        period=_period(labels),
    )
    companies = interviewed_companies(session)
    content.icps = [icp_section(icp, companies, labels) for icp in icps if icp.id in icp_ids]
    profiles = []
    for number, persona_id in enumerate(persona_ids):
        if cancel():
            raise ReportCancelled
        progress(0.1 + 0.5 * number / max(len(persona_ids), 1), f"Reading persona {number + 1}")
        profiles.append(persona_profile(session, persona_id))
    book = QuoteBook(session, profiles, labels)
    allowed = allowed_statuses(options.include_suggested)
    content.personas = [
        persona_section(profile, allowed, book, labels, options.themes_per_field) for profile in profiles
    ]
    content.matrix = persona_matrix(content.personas)
    content.interview_list = _interview_list(labels)
    content.method = _method(session, options, book)
    content.evidence = book.used
    content.quotes_dropped = book.dropped
    content.summary = _summary(content)
    content.warnings = [f"Persona “{p.name}”: {p.warning}" for p in content.personas if p.warning]
    return content
