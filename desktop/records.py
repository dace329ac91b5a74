"""Plain-data reads and small writes the views need; rows cross threads, ORM objects never do."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select, update

from models.queries import company_id_for
from models.tables import (
    Company,
    EvidenceSpan,
    Icp,
    Insight,
    InsightKind,
    InsightStatus,
    Interview,
    Persona,
    PersonaInsight,
    Turn,
)

USER_STATEMENT_CHARS = 200
INTERVIEW_FIELDS = ("interviewee_name", "job_title", "company", "date")
"""Interview metadata the user edits; ``company`` is a company name, ``date`` an ISO date or empty."""


@dataclass(frozen=True)
class NavCounts:
    interviews: int = 0
    insights: int = 0
    companies: int = 0
    personas: int = 0
    icps: int = 0


@dataclass(frozen=True)
class InterviewSummary:
    id: int
    title: str
    interviewee: str
    insights: int


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
class InsightRow:
    id: int
    interview_id: int
    interview_title: str
    kind: str
    status: str
    statement: str
    confidence: float
    origin: str
    quote: str
    turn_id: int | None
    persona_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class TurnContext:
    speaker: str
    role: str
    text: str
    start_seconds: float | None


def nav_counts(session: Session) -> NavCounts:
    def count(table: type) -> int:
        return session.exec(select(func.count()).select_from(table)).one()

    return NavCounts(count(Interview), count(Insight), count(Company), count(Persona), count(Icp))


def interview_summaries(session: Session) -> list[InterviewSummary]:
    insights = dict(
        session.exec(select(Insight.interview_id, func.count()).group_by(Insight.interview_id)).all()
    )
    rows = session.exec(
        select(Interview.id, Interview.title, Interview.interviewee_name).order_by(Interview.id)
    )
    return [
        InterviewSummary(id, title, interviewee or "", insights.get(id, 0)) for id, title, interviewee in rows
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


def insight_rows(session: Session, ids: list[int] | None = None) -> list[InsightRow]:
    """Every insight across interviews (or just ``ids``) with its first evidence quote."""
    query = select(
        Insight.id,
        Insight.interview_id,
        Interview.title,
        Insight.kind,
        Insight.status,
        Insight.statement,
        Insight.confidence,
        Insight.origin,
    ).join(Interview, Interview.id == Insight.interview_id)
    span_query = select(EvidenceSpan.insight_id, EvidenceSpan.quote, EvidenceSpan.turn_id).order_by(
        EvidenceSpan.insight_id, EvidenceSpan.id
    )
    if ids is not None:
        query = query.where(Insight.id.in_(ids))
        span_query = span_query.where(EvidenceSpan.insight_id.in_(ids))
    first_span: dict[int, tuple[str, int]] = {}
    for insight_id, quote, turn_id in session.exec(span_query):
        first_span.setdefault(insight_id, (quote, turn_id))
    placement_query = select(PersonaInsight.insight_id, PersonaInsight.persona_id).where(
        col(PersonaInsight.excluded).is_(False)
    )
    if ids is not None:
        placement_query = placement_query.where(PersonaInsight.insight_id.in_(ids))
    personas: dict[int, list[int]] = {}
    for insight_id, persona_id in session.exec(placement_query):
        personas.setdefault(insight_id, []).append(persona_id)
    rows = []
    for id, interview_id, title, kind, status, statement, confidence, origin in session.exec(
        query.order_by(Insight.id)
    ):
        quote, turn_id = first_span.get(id, ("", None))
        rows.append(
            InsightRow(
                id,
                interview_id,
                title,
                str(kind),
                str(status),
                statement,
                confidence,
                origin,
                quote,
                turn_id,
                tuple(sorted(personas.get(id, ()))),
            )
        )
    return rows


def turn_context(session: Session, turn_id: int) -> TurnContext | None:
    turn = session.get(Turn, turn_id)
    if turn is None:
        return None
    return TurnContext(turn.speaker, turn.role, turn.text, turn.start_seconds)


def insight_state(session: Session, insight_id: int) -> tuple[str, str]:
    """The (statement, status) of one insight."""
    insight = session.get(Insight, insight_id)
    if insight is None:
        raise LookupError(f"insight {insight_id} no longer exists")
    return insight.statement, str(insight.status)


def set_insight_statuses(session: Session, statuses: dict[int, str]) -> None:
    now = dt.datetime.now(dt.UTC)
    for insight_id, status in statuses.items():
        session.exec(
            update(Insight)
            .where(Insight.id == insight_id)
            .values(status=InsightStatus(status), updated_at=now)
        )


def set_insight_statement(session: Session, insight_id: int, statement: str, status: str) -> None:
    """Change an insight's wording (keeping the first wording in ``original_statement``) and status."""
    insight = session.get(Insight, insight_id)
    if insight is None:
        raise LookupError(f"insight {insight_id} no longer exists")
    if not insight.original_statement:
        insight.original_statement = insight.statement
    insight.statement = statement
    insight.status = InsightStatus(status)
    insight.updated_at = dt.datetime.now(dt.UTC)
    session.add(insight)


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


def persona_names(session: Session) -> list[tuple[int, str]]:
    return [(p.id, p.name) for p in session.exec(select(Persona).order_by(Persona.name))]


def add_user_insight(session: Session, turn_id: int, start: int, end: int, kind: str) -> int:
    """Store the consultant's own insight on ``turn.text[start:end]`` (a respondent's words), accepted."""
    turn = session.get(Turn, turn_id)
    if turn is None:
        raise LookupError(f"turn {turn_id} no longer exists")
    if turn.role != "respondent":
        raise ValueError("insights quote respondents: select words a respondent said")
    if not 0 <= start < end <= len(turn.text):
        raise ValueError("the selection is outside the turn")
    quote = turn.text[start:end]
    insight = Insight(
        interview_id=turn.interview_id,
        kind=InsightKind(kind),
        statement=quote if len(quote) <= USER_STATEMENT_CHARS else quote[: USER_STATEMENT_CHARS - 1] + "…",
        original_statement=quote,
        confidence=1.0,
        status=InsightStatus.ACCEPTED,
        origin="user",
    )
    session.add(insight)
    session.flush()
    session.add(EvidenceSpan(insight_id=insight.id, turn_id=turn_id, start=start, end=end, quote=quote))
    return insight.id


def delete_insight(session: Session, insight_id: int) -> None:
    insight = session.get(Insight, insight_id)
    if insight is not None:
        session.delete(insight)
