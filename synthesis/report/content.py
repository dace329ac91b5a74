"""Gather the plain content of a report from a workspace: what the Word writer (or a test) works from.

Only accepted and edited insights are used unless drafts are asked for; every quote is checked verbatim
against its respondent turn's text at its offsets; one that does not verify is left out and counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from models.tables import Insight, InsightKind, Persona, WorkspaceSetting
from synthesis.icp.store import interviewed_companies, list_icps
from synthesis.personas.profile_fields import CitedStatement, job_titles
from synthesis.personas.query import PersonaProfile, persona_profile
from synthesis.report.icp_content import icp_section
from synthesis.report.labels import Labels, build_labels
from synthesis.report.method_content import method_section
from synthesis.report.options import ReportError, ReportOptions
from synthesis.report.persona_content import allowed_statuses, persona_section
from synthesis.report.persona_review import reviewed_profile
from synthesis.report.quote_book import QuoteBook
from synthesis.report.shapes import InterviewEntry, MatrixSection, ReportContent
from synthesis.report.summary import findings, introduction, short_name
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress
from synthesis.workspace.matrix import compare_personas

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
        # the preparer and their consultancy are the report's author, not research subjects: kept as given
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
    content.icps = [icp_section(icp, companies, labels, client) for icp in icps if icp.id in icp_ids]
    allowed = allowed_statuses(options.include_suggested)
    metadata_titles = {i: interview.job_title or "" for i, interview in labels.interviews.items()}
    profiles = []
    for number, persona_id in enumerate(persona_ids):
        if cancel():
            raise ReportCancelled
        progress(0.1 + 0.5 * number / max(len(persona_ids), 1), f"Reading persona {number + 1}")
        profile = reviewed_profile(persona_profile(session, persona_id), allowed, metadata_titles)
        labels.job_titles.update(profile.job_titles)
        profiles.append(profile)
    _titles_outside_personas(session, labels, allowed)
    book = QuoteBook(session, profiles, labels)
    content.personas = [persona_section(p, book, labels, options.themes_per_field) for p in profiles]
    content.matrix = _matrix(profiles, content, labels)
    content.interview_list = _interview_list(labels)
    content.method = method_section(session, options, content.personas, len(book.used), book.dropped)
    content.evidence = book.used
    content.quotes_dropped = book.dropped
    content.introduction = introduction(content)
    content.findings = findings(content)
    content.warnings = [f"Persona “{p.name}”: {p.warning}" for p in content.personas if p.warning]
    return content


def _titles_outside_personas(session: Session, labels: Labels, allowed: frozenset[str]) -> None:
    """Job titles stated in reviewed role insights of interviews no persona holds (the interview list)."""
    missing = [i for i, interview in labels.interviews.items() if i not in labels.job_titles]
    rows = session.exec(
        select(Insight.id, Insight.interview_id, Insight.statement).where(
            Insight.kind == InsightKind.ROLE,
            col(Insight.interview_id).in_(missing),
            col(Insight.status).in_(allowed),
        )
    ).all()
    statements = [CitedStatement(i or 0, interview, text, True) for i, interview, text in rows]
    for interview_id, title in job_titles(statements, {}).items():
        labels.job_titles.setdefault(interview_id, title)


def _matrix(
    profiles: Sequence[PersonaProfile], content: ReportContent, labels: Labels
) -> MatrixSection | None:
    """The persona matrix of the reviewed profiles, its text anonymised like the rest of the report."""
    if not profiles:
        return None
    names = [short_name(p.name) for p in content.personas]
    if len(set(names)) < len(names):
        names = [p.name for p in content.personas]
    table = compare_personas(profiles, names)
    return MatrixSection(
        table.personas,
        tuple((labels.text(r.heading), tuple(labels.text(c.display()) for c in r.cells)) for r in table.rows),
    )
