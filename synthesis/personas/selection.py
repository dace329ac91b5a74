"""ICP first: choose the respondents personas are built from, and list the interviews outside every ICP."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from models.tables import Company, InsightKind, InsightStatus, Interview
from models.tables import Insight as InsightRow
from synthesis.icp.fit import Outcome, score_company
from synthesis.icp.store import list_icps
from synthesis.personas.roles import RoleKey, normalise_role


@dataclass(frozen=True)
class Respondent:
    interview_id: int
    title: str
    job_title: str
    role: RoleKey
    company: Company | None
    icp_ids: tuple[int, ...]


@dataclass(frozen=True)
class OutsideInterview:
    interview_id: int
    title: str
    company: str | None
    reason: str


@dataclass
class Selection:
    respondents: list[Respondent] = field(default_factory=list)
    outside: list[OutsideInterview] = field(default_factory=list)
    icp_linked: bool = True
    """False when the workspace has no ICP yet and every interview was used."""
    icp_names: dict[int, str] = field(default_factory=dict)


_SELF_DESCRIPTION = re.compile(r"^(?:is|works as|serves as|runs|leads|heads)\b|\btitle\b", re.IGNORECASE)
_ABOUT_OTHERS = re.compile(
    r"\breports? to\b|\bunder (?:them|their)\b|\btheir (?:boss|manager)\b", re.IGNORECASE
)


def _role_text(session: Session, interview: Interview) -> str:
    """The stated job title; else the respondent's first self-description among their role insights (not
    rejected), so that "Reports to their CRO" does not make everyone a CRO; else all role insights that do
    not describe someone else."""
    if interview.job_title and interview.job_title.strip():
        return interview.job_title.strip()
    statements = session.exec(
        select(InsightRow.statement)
        .where(
            InsightRow.interview_id == interview.id,
            InsightRow.kind == InsightKind.ROLE,
            InsightRow.status != InsightStatus.REJECTED,
        )
        .order_by(col(InsightRow.id))
    ).all()
    described = [text for text in statements if _SELF_DESCRIPTION.search(text)]
    if described:
        return re.split(r"\s+at\s+", described[0], maxsplit=1)[0]  # the title, not the employer's name
    return " ".join(text for text in statements if not _ABOUT_OTHERS.search(text))


def _outside_reason(company: Company, fits: list[tuple[str, int, list[str]]]) -> str:
    name, _score, misses = max(fits, key=lambda f: f[1])
    detail = "; ".join(misses) if misses else "too few of its firmographics are known"
    return f"{company.name} fits no ICP (closest: {name}, which it does not fit: {detail})"


def select_respondents(session: Session) -> Selection:
    """Respondents at companies that fit at least one ICP; with no ICP at all, every respondent."""
    icps = list_icps(session)
    selection = Selection(icp_linked=bool(icps), icp_names={icp.id: icp.name for icp in icps})
    for interview in session.exec(select(Interview).order_by(col(Interview.id))):
        assert interview.id is not None
        company = session.get(Company, interview.company_id) if interview.company_id else None
        icp_ids: list[int] = []
        if icps:
            if company is None:
                selection.outside.append(
                    OutsideInterview(
                        interview.id, interview.title, None, "no company is recorded for this interview"
                    )
                )
                continue
            fits = []
            for icp in icps:
                fit = score_company(company, icp.criteria)
                if fit.fits:
                    icp_ids.append(icp.id)
                fits.append(
                    (icp.name, fit.score, [r.explanation for r in fit.results if r.outcome == Outcome.MISS])
                )
            if not icp_ids:
                selection.outside.append(
                    OutsideInterview(
                        interview.id, interview.title, company.name, _outside_reason(company, fits)
                    )
                )
                continue
        title = _role_text(session, interview)
        role = normalise_role(title, seniority=interview.seniority, department=interview.department)
        selection.respondents.append(
            Respondent(
                interview.id, interview.title, interview.job_title or "", role, company, tuple(icp_ids)
            )
        )
    return selection
