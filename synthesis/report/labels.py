"""How a report names interviews, respondents and companies: real names, or consistent pseudonyms."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from models.tables import Company, Interview, Turn, WorkspaceSetting
from synthesis.icp import places
from synthesis.icp.success import employee_band
from synthesis.report.anonymise import Anonymiser, split_names
from synthesis.transcript import SpeakerRole


def company_type(company: Company | None) -> str:
    """ "accounts payable automation software company, 201-500 employees" (no name)."""
    if company is None:
        return "company not recorded"
    industry = (company.industry or "").strip()
    if industry[1:2].islower():
        industry = industry[:1].lower() + industry[1:]
    kind = f"{industry} company" if industry else "company"
    if company.employee_count:
        return f"{kind}, {employee_band(company.employee_count)} employees"
    return kind


@dataclass
class Labels:
    """Names as the report shows them; ``text`` anonymises free text when anonymising."""

    interviews: dict[int, Interview]
    companies: dict[int, Company]
    anonymiser: Anonymiser | None
    settings: dict[str, object] = field(default_factory=dict)
    _numbers: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._numbers = {interview_id: n for n, interview_id in enumerate(sorted(self.interviews), start=1)}

    def text(self, text: str, *, quoted: bool = False) -> str:
        return self.anonymiser.text(text, quoted=quoted) if self.anonymiser else text

    def interview(self, interview_id: int) -> str:
        return f"Interview {self._numbers.get(interview_id, interview_id)}"

    def company_of(self, interview_id: int) -> Company | None:
        interview = self.interviews.get(interview_id)
        return self.companies.get(interview.company_id) if interview and interview.company_id else None

    def company(self, company: Company | None) -> str:
        if company is None:
            return "—"
        return self.anonymiser.company(company.name) if self.anonymiser else company.name

    def role(self, interview_id: int) -> str:
        interview = self.interviews.get(interview_id)
        if interview is None:
            return "Respondent"
        title = (interview.job_title or "").strip()
        if not title:
            title = " ".join(p for p in (interview.seniority, interview.department) if p) or "Respondent"
        return self.text(title)

    def respondent(self, interview_id: int) -> str:
        """Who was interviewed: role, plus the name when not anonymising."""
        interview = self.interviews.get(interview_id)
        name = (interview.interviewee_name or "").strip() if interview else ""
        name = name.title() if name.isupper() else name
        if self.anonymiser or not name:
            return self.role(interview_id)
        return f"{name}, {self.role(interview_id)}"

    def attribution(self, interview_id: int, speaker_role: str) -> str:
        """A quote's attribution by role and company type, never by name."""
        if speaker_role == SpeakerRole.INTERVIEWER:
            return "Interviewer"
        return f"{self.role(interview_id)}, {company_type(self.company_of(interview_id))}"


def _keep_words(session: Session, client: str) -> list[str]:
    """Capitalised words that are never people: tools, places and the client's name."""
    words = [client]
    for stack in session.exec(select(Company.tech_stack)):
        words.extend(stack)
    for company in session.exec(select(Company.country, Company.region)):
        words.extend(p for p in company if p)
    return [w for text in words for w in text.split()] + list(places.US_STATES.values())


def _register_people(session: Session, anonymiser: Anonymiser, interviews: list[Interview]) -> None:
    """Respondents first (Respondent N is interview N), then interviewers, then anyone else."""
    speakers = session.exec(select(Turn.interview_id, Turn.speaker, Turn.role).distinct()).all()
    by_interview: dict[int, list[tuple[str, str]]] = {}
    for interview_id, speaker, role in speakers:
        by_interview.setdefault(interview_id, []).append((speaker, role))
    for number, interview in enumerate(interviews, start=1):
        names = [interview.interviewee_name or ""] + [
            s for s, role in by_interview.get(interview.id or 0, []) if role == SpeakerRole.RESPONDENT
        ]
        for name in filter(None, (n.strip() for n in names)):
            anonymiser.alias(name, f"Respondent {number}")
    interviewers = session.get(WorkspaceSetting, "interviewers")
    names = list(interviewers.value or []) if interviewers and isinstance(interviewers.value, list) else []
    for interview in interviews:
        names.extend(split_names(interview.interviewer))
        names.extend(
            s for s, role in by_interview.get(interview.id or 0, []) if role == SpeakerRole.INTERVIEWER
        )
    for name in names:
        anonymiser.person(name, "Interviewer")
    for interview in interviews:
        for speaker, role in by_interview.get(interview.id or 0, []):
            if role == SpeakerRole.OTHER:
                anonymiser.person(speaker)


def build_labels(session: Session, *, anonymise: bool, client: str) -> Labels:
    interviews = list(session.exec(select(Interview).order_by(col(Interview.id))))
    companies = {c.id or 0: c for c in session.exec(select(Company).order_by(col(Company.id)))}
    settings = {s.key: s.value for s in session.exec(select(WorkspaceSetting))}
    anonymiser = None
    if anonymise:
        corpus = session.exec(select(Turn.text)).all()
        client = client or str(settings.get("client") or "")
        anonymiser = Anonymiser(corpus, keep=_keep_words(session, client))
        for interview in interviews:
            if interview.company_id in companies:
                anonymiser.company(companies[interview.company_id].name)
        for company in companies.values():
            anonymiser.company(company.name)
        _register_people(session, anonymiser, interviews)
    return Labels({i.id or 0: i for i in interviews}, companies, anonymiser, settings)
