"""How a report names interviews, respondents and companies: real names, or consistent pseudonyms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from models.tables import Company, Interview, WorkspaceSetting
from synthesis.icp.success import employee_band
from synthesis.personas.respondents import is_generic_label
from synthesis.report.anonymise import Anonymiser
from synthesis.report.lexicon import Lexicon
from synthesis.report.redaction import Decisions, known_terms, review_candidates, workspace_names
from synthesis.transcript import SpeakerRole

_HEAD_COUNT = re.compile(r"(?<![\d,-])(\d[\d,]*) employees\b")
_HEAD_COUNT_SPAN = re.compile(r"\b(\d[\d,]*)-(\d[\d,]*) employees\b")


_ORGANISATION = re.compile(
    r"\b(?:company|companies|agency|firm|bank|studio|group|consultancy|provider|vendor|business|startup|"
    r"platform|marketplace|retailer|manufacturer|insurer|lender|school|university|hospital|charity)$",
    re.IGNORECASE,
)


def company_type(company: Company | None) -> str:
    """ "accounts payable automation software company, 201-500 employees" (no name); a company of unknown
    industry is "a company of 201-500 employees", never "company, …", and "agency" never "agency company"."""
    if company is None:
        return "company not recorded"
    industry = (company.industry or "").strip()
    if industry[1:2].islower():
        industry = industry[:1].lower() + industry[1:]
    size = f"{employee_band(company.employee_count)} employees" if company.employee_count else ""
    if not industry:
        return f"a company of {size}" if size else "company of unknown industry"
    kind = industry if _ORGANISATION.search(industry) else f"{industry} company"
    return f"{kind}, {size}" if size else kind


@dataclass
class Labels:
    """Names as the report shows them; ``text`` anonymises free text when anonymising."""

    interviews: dict[int, Interview]
    companies: dict[int, Company]
    anonymiser: Anonymiser | None
    settings: dict[str, object] = field(default_factory=dict)
    respondent_numbers: dict[int, int] = field(default_factory=dict)
    """Interview id -> respondent number ("Respondent 3"), the same in the report, CSV and evidence index."""
    job_titles: dict[int, str] = field(default_factory=dict)
    """Interview id -> the interviewee's job title from a reviewed role insight (metadata comes first)."""
    _numbers: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._numbers = {interview_id: n for n, interview_id in enumerate(sorted(self.interviews), start=1)}

    def text(self, text: str) -> str:
        return self.anonymiser.text(text) if self.anonymiser else text

    def head_counts(self, text: str) -> str:
        """Anonymised: "57 employees" becomes its band, "51-200 employees"."""
        if not self.anonymiser:
            return text

        def span(match: re.Match[str]) -> str:
            low = employee_band(int(match.group(1).replace(",", ""))).split("-")[0].rstrip("+")
            high = employee_band(int(match.group(2).replace(",", "")))
            return f"{low}-{high.split('-')[-1]} employees" if "-" in high else f"{low}+ employees"

        text = _HEAD_COUNT_SPAN.sub(span, text)
        return _HEAD_COUNT.sub(lambda m: f"{employee_band(int(m.group(1).replace(',', '')))} employees", text)

    def profile(self, company: Company | None) -> str:
        """The company's type and size band; its industry field is anonymised too."""
        profile = company_type(company)
        return self.text(profile) if company is not None else profile

    def date(self, interview_id: int) -> str:
        """The interview's date; only its month when anonymising."""
        interview = self.interviews.get(interview_id)
        if interview is None or interview.date is None:
            return "—"
        return interview.date.strftime("%b %Y" if self.anonymiser else "%d %b %Y")

    def respondent_label(self, interview_id: int) -> str:
        """ "Respondent 3" when anonymising, else ""."""
        number = self.respondent_numbers.get(interview_id)
        return f"Respondent {number}" if self.anonymiser and number else ""

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
        title = (interview.job_title or "").strip() or self.job_titles.get(interview_id, "").strip()
        if not title:
            title = " ".join(p for p in (interview.seniority, interview.department) if p) or "Respondent"
        return self.text(title)

    def respondent(self, interview_id: int) -> str:
        """Who was interviewed: role, plus the name when not anonymising."""
        interview = self.interviews.get(interview_id)
        name = (interview.interviewee_name or "").strip() if interview else ""
        name = "" if is_generic_label(name) else name.title() if name.isupper() else name
        role = self.role(interview_id)
        if self.anonymiser:
            label = self.respondent_label(interview_id)
            return f"{label}, {role}" if role != "Respondent" else label or role
        return f"{name}, {role}" if name else role

    def attribution(self, interview_id: int, speaker_role: str) -> str:
        """A quote's attribution by role and company type, never by name."""
        if speaker_role == SpeakerRole.INTERVIEWER:
            return "Interviewer"
        who = self.respondent(interview_id) if self.anonymiser else self.role(interview_id)
        return f"{who}, {self.profile(self.company_of(interview_id))}"


def _respondent_numbers(interviews: list[Interview]) -> dict[int, int]:
    """Interview id -> respondent number; one named person interviewed twice keeps one number, while a
    generic label ("User", "Speaker 1") never merges people."""
    numbers: dict[str, int] = {}
    by_interview = {}
    for interview in interviews:
        name = (interview.interviewee_name or "").strip()
        key = f"#{interview.id}" if is_generic_label(name) else name.casefold()
        by_interview[interview.id or 0] = numbers.setdefault(key, len(numbers) + 1)
    return by_interview


def _anonymiser(session: Session, client: str, numbers: dict[int, int], decisions: Decisions) -> Anonymiser:
    """Respondents first (their numbers), then interviewers and companies, then every other redacted term."""
    names = workspace_names(session, client)
    anonymiser = Anonymiser(Lexicon(names.keep))
    kept = decisions.keep
    for interview_id, respondent_names in names.respondents.items():
        for name in respondent_names:
            if not is_generic_label(name) and name.strip().casefold() not in kept:
                anonymiser.alias(name, f"Respondent {numbers.get(interview_id, 0)}")
    anonymiser.add_all(t for t in known_terms(names) if t.key not in kept)
    anonymiser.add_all(decisions.redacted(review_candidates(session, client, names)))
    return anonymiser


def build_labels(
    session: Session, *, anonymise: bool, client: str, decisions: Decisions | None = None
) -> Labels:
    interviews = list(session.exec(select(Interview).order_by(col(Interview.id))))
    companies = {c.id or 0: c for c in session.exec(select(Company).order_by(col(Company.id)))}
    settings = {s.key: s.value for s in session.exec(select(WorkspaceSetting))}
    anonymiser = None
    numbers = _respondent_numbers(interviews)
    if anonymise:
        client = client or str(settings.get("client") or "")
        anonymiser = _anonymiser(session, client, numbers, decisions or Decisions())
    return Labels({i.id or 0: i for i in interviews}, companies, anonymiser, settings, numbers)
