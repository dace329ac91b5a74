"""Small query functions over a workspace; each takes a Session."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from models.tables import Company, Interview, ModelProbe, Turn


def interview_by_sha256(session: Session, sha256: str) -> Interview | None:
    return session.exec(select(Interview).where(Interview.sha256 == sha256)).first()


def interview_by_text_sha256(session: Session, text_sha256: str) -> Interview | None:
    return session.exec(select(Interview).where(Interview.text_sha256 == text_sha256)).first()


def interviews(session: Session) -> list[Interview]:
    return list(session.exec(select(Interview).order_by(Interview.id)))


def turns_of(session: Session, interview_id: int) -> list[Turn]:
    return list(session.exec(select(Turn).where(Turn.interview_id == interview_id).order_by(Turn.index)))


def turn_counts(session: Session) -> dict[int, int]:
    rows = session.exec(select(Turn.interview_id, func.count()).group_by(Turn.interview_id))
    return dict(rows.all())


def company_named(session: Session, name: str) -> Company | None:
    return session.exec(select(Company).where(func.lower(Company.name) == name.strip().lower())).first()


def save_model_probe(session: Session, probe: ModelProbe) -> None:
    """Store a capability-probe result, replacing an earlier one for the same model file."""
    session.merge(probe)
    session.commit()


def company_id_for(session: Session, name: str | None) -> int | None:
    """The id of the company called ``name`` (any case), created with that name alone if it is new."""
    if not name or not name.strip():
        return None
    company = company_named(session, name)
    if company is None:
        company = Company(name=name.strip())
        session.add(company)
        session.flush()
    return company.id
