"""Companies and their firmographic suggestions: plain-data reads and single-row writes (GUI and CLI)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.tables import Company, CompanyRelationship, FirmographicSuggestion, InsightStatus, Interview
from synthesis.extraction.firmographics import employee_count

COMPANY_FIELDS = (
    "name",
    "industry",
    "employee_count",
    "revenue_band",
    "funding_stage",
    "tech_stack",
    "country",
    "region",
    "relationship",
)
RELATIONSHIPS = tuple(r.value for r in CompanyRelationship)
"""The relationship values a company can have, in their order of definition."""
SUGGESTION_TARGETS = {
    "employee_count": "employee_count",
    "revenue": "revenue_band",
    "funding_stage": "funding_stage",
    "funding_amount": "notes",
    "country_region": "region",
    "tech_stack": "tech_stack",
    "industry": "industry",
    "company_name": "name",
}
"""The company field a firmographic suggestion fills."""


@dataclass(frozen=True)
class CompanyRow:
    id: int
    values: dict[str, str]
    interviews: int


@dataclass(frozen=True)
class SuggestionRow:
    id: int
    interview_id: int
    interview_title: str
    turn_id: int
    company_id: int
    field: str
    value: str
    quote: str
    status: str

    @property
    def target(self) -> str:
        return SUGGESTION_TARGETS.get(self.field, "notes")


def _text(company: Company, name: str) -> str:
    value = getattr(company, name)
    if name == "tech_stack":
        return ", ".join(value)
    return "" if value is None else str(value)


def company_rows(session: Session) -> list[CompanyRow]:
    interviews = dict(
        session.exec(select(Interview.company_id, func.count()).group_by(Interview.company_id)).all()
    )
    return [
        CompanyRow(c.id or 0, {name: _text(c, name) for name in COMPANY_FIELDS}, interviews.get(c.id, 0))
        for c in session.exec(select(Company).order_by(col(Company.name)))
    ]


def company_field(session: Session, company_id: int, name: str) -> str:
    return _text(_company(session, company_id), name)


def set_company_field(session: Session, company_id: int, name: str, text: str) -> None:
    """Set a field from its text form; raises ValueError for text the field cannot hold."""
    company = _company(session, company_id)
    text = text.strip()
    if name == "name":
        if not text:
            raise ValueError("a company needs a name")
        company.name = text
    elif name == "employee_count":
        company.employee_count = head_count(text) if text else None
    elif name == "tech_stack":
        company.tech_stack = list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
    elif name == "relationship":
        company.relationship = CompanyRelationship(text or "unknown")
    elif name in ("industry", "revenue_band", "funding_stage", "country", "region", "notes"):
        setattr(company, name, text if name == "notes" else (text or None))
    else:
        raise ValueError(f"unknown company field {name!r}")
    session.add(company)


def check_company_field(name: str, text: str) -> None:
    """Raise ValueError when ``text`` cannot be stored in the field (call before making the edit)."""
    text = text.strip()
    if name == "name" and not text:
        raise ValueError("a company needs a name")
    if name == "employee_count" and text:
        head_count(text)
    if name == "relationship" and text not in RELATIONSHIPS:
        raise ValueError(f"the relationship is one of {', '.join(RELATIONSHIPS)}")
    if name not in (*COMPANY_FIELDS, "notes"):
        raise ValueError(f"unknown company field {name!r}")


def head_count(text: str) -> int:
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    count = employee_count(text)
    if count is None:
        raise ValueError(f"“{text}” is not a number of employees")
    return count


def accepted_value(session: Session, suggestion: SuggestionRow) -> str:
    """The company field's text once the suggestion is accepted (a tool or note is added, not replaced)."""
    current = company_field(session, suggestion.company_id, suggestion.target)
    if suggestion.target == "tech_stack":
        return ", ".join(dict.fromkeys([*filter(None, current.split(", ")), suggestion.value]))
    if suggestion.target == "notes":
        line = f"{suggestion.field.replace('_', ' ').capitalize()}: {suggestion.value}"
        return f"{current}\n{line}".strip()
    if suggestion.target == "employee_count":
        return str(head_count(suggestion.value))
    return suggestion.value


def suggestions_of(session: Session, company_id: int) -> list[SuggestionRow]:
    """Firmographic suggestions found in the company's interviews, still waiting for a decision first."""
    rows = session.exec(
        select(FirmographicSuggestion, Interview.title, Interview.company_id)
        .join(Interview, col(Interview.id) == FirmographicSuggestion.interview_id)
        .where(Interview.company_id == company_id)
        .order_by(col(FirmographicSuggestion.id))
    )
    found = [
        SuggestionRow(
            s.id or 0, s.interview_id, title, s.turn_id, cid, s.field, s.value, s.quote, str(s.status)
        )
        for s, title, cid in rows
    ]
    return sorted(found, key=lambda s: s.status != InsightStatus.SUGGESTED)


def set_suggestion_status(session: Session, suggestion_id: int, status: str) -> None:
    suggestion = session.get(FirmographicSuggestion, suggestion_id)
    if suggestion is None:
        raise LookupError(f"suggestion {suggestion_id} no longer exists")
    suggestion.status = InsightStatus(status)
    session.add(suggestion)


def _company(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id)
    if company is None:
        raise LookupError(f"company {company_id} no longer exists")
    return company
