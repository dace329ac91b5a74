"""Interviews as the views show them: the list, one transcript with its highlights, metadata edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select, update

from models.queries import company_id_for
from models.tables import Company, EvidenceSpan, Insight, InsightStatus, Interview, Turn

INTERVIEW_FIELDS = ("interviewee_name", "job_title", "company", "date")
"""Interview metadata the user edits; ``company`` is a company name, ``date`` an ISO date or empty."""


@dataclass(frozen=True)
class InterviewSummary:
    id: int
    title: str
    interviewee: str
    insights: int
    reviewed: int = 0
    """Insights accepted, rejected or reworded."""


@dataclass(frozen=True)
class TurnRow:
    id: int
    index: int
    speaker: str
    role: str
    text: str
    start_seconds: float | None


@dataclass(frozen=True)
class Highlight:
    """One evidence span of an insight inside a turn's text."""

    insight_id: int
    turn_id: int
    start: int
    end: int
    kind: str
    status: str
    statement: str


@dataclass(frozen=True)
class InterviewDetail:
    id: int
    title: str
    meta: dict[str, str]
    turns: list[TurnRow]
    highlights: list[Highlight]
    speaker_roles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TurnContext:
    speaker: str
    role: str
    text: str
    start_seconds: float | None


def interview_summaries(session: Session) -> list[InterviewSummary]:
    insights = dict(
        session.exec(select(Insight.interview_id, func.count()).group_by(Insight.interview_id)).all()
    )
    reviewed = dict(
        session.exec(
            select(Insight.interview_id, func.count())
            .where(Insight.status != InsightStatus.SUGGESTED)
            .group_by(Insight.interview_id)
        ).all()
    )
    rows = session.exec(
        select(Interview.id, Interview.title, Interview.interviewee_name).order_by(Interview.id)
    )
    return [
        InterviewSummary(id, title, interviewee or "", insights.get(id, 0), reviewed.get(id, 0))
        for id, title, interviewee in rows
    ]


def interview_detail(session: Session, interview_id: int) -> InterviewDetail | None:
    interview = session.get(Interview, interview_id)
    if interview is None:
        return None
    company = session.get(Company, interview.company_id) if interview.company_id else None
    meta = {
        "interviewee_name": interview.interviewee_name or "",
        "job_title": interview.job_title or "",
        "company": company.name if company else "",
        "date": interview.date.isoformat() if interview.date else "",
    }
    turns = [
        TurnRow(t.id, t.index, t.speaker, t.role, t.text, t.start_seconds)
        for t in session.exec(select(Turn).where(Turn.interview_id == interview_id).order_by(Turn.index))
    ]
    spans = session.exec(
        select(EvidenceSpan, Insight)
        .join(Insight, Insight.id == EvidenceSpan.insight_id)
        .where(Insight.interview_id == interview_id)
        .order_by(EvidenceSpan.turn_id, EvidenceSpan.start)
    )
    highlights = [
        Highlight(i.id, s.turn_id, s.start, s.end, str(i.kind), str(i.status), i.statement) for s, i in spans
    ]
    roles: dict[str, str] = {}
    for turn in turns:
        roles.setdefault(turn.speaker, turn.role)
    return InterviewDetail(interview.id, interview.title, meta, turns, highlights, roles)


def turn_context(session: Session, turn_id: int) -> TurnContext | None:
    turn = session.get(Turn, turn_id)
    if turn is None:
        return None
    return TurnContext(turn.speaker, turn.role, turn.text, turn.start_seconds)


def set_speaker_role(session: Session, interview_id: int, speaker: str, role: str) -> None:
    session.exec(
        update(Turn).where(Turn.interview_id == interview_id, Turn.speaker == speaker).values(role=role)
    )


def set_interview_field(session: Session, interview_id: int, name: str, value: str) -> None:
    """Set one of ``INTERVIEW_FIELDS`` from its text form; raises ValueError for an unreadable date."""
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise LookupError(f"interview {interview_id} no longer exists")
    value = value.strip()
    if name == "company":
        interview.company_id = company_id_for(session, value)
    elif name == "date":
        interview.date = dt.date.fromisoformat(value) if value else None
    elif name in ("interviewee_name", "job_title"):
        setattr(interview, name, value or None)
    else:
        raise ValueError(f"unknown interview field {name!r}")
    session.add(interview)
