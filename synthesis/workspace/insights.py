"""Insights across interviews: plain-data rows, review decisions, wording edits, the user's own insights."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select, update

from models.tables import EvidenceSpan, Insight, InsightKind, InsightStatus, Interview, PersonaInsight, Turn

__all__ = [  # with the kind and status vocabularies, which the desktop names through here
    "USER_STATEMENT_CHARS",
    "InsightKind",
    "InsightRow",
    "InsightStatus",
    "add_user_insight",
    "delete_insight",
    "insight_rows",
    "insight_state",
    "interviews_of",
    "is_reviewed",
    "set_insight_kinds",
    "set_insight_statement",
    "set_insight_statuses",
]

USER_STATEMENT_CHARS = 200


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


def insight_state(session: Session, insight_id: int) -> tuple[str, str]:
    """The (statement, status) of one insight."""
    insight = session.get(Insight, insight_id)
    if insight is None:
        raise LookupError(f"insight {insight_id} no longer exists")
    return insight.statement, str(insight.status)


UPDATE_BATCH = 500
"""Ids per UPDATE statement (SQLite allows 999 bound parameters in older builds)."""


def set_insight_statuses(session: Session, statuses: dict[int, str]) -> None:
    """Set each insight's status (``{id: status}``): one UPDATE per distinct status and batch of ids."""
    _set_column(session, "status", {i: InsightStatus(s) for i, s in statuses.items()})


def _set_column(session: Session, column: str, values: dict[int, object]) -> None:
    """Set ``column`` of each insight to its value, one statement per distinct value and batch of ids (a
    500-row review decision is one UPDATE, not 500)."""
    now = dt.datetime.now(dt.UTC)
    by_value: dict[object, list[int]] = {}
    for insight_id, value in values.items():
        by_value.setdefault(value, []).append(insight_id)
    table = Insight.__table__
    for value, ids in by_value.items():
        for first in range(0, len(ids), UPDATE_BATCH):
            batch = ids[first : first + UPDATE_BATCH]
            session.connection().execute(
                update(table).where(table.c.id.in_(batch)).values({column: value, "updated_at": now})
            )


def set_insight_kinds(session: Session, kinds: dict[int, str]) -> None:
    """Relabel insights (``{id: kind}``); their status and wording stay as they are."""
    _set_column(session, "kind", {i: InsightKind(k) for i, k in kinds.items()})


def interviews_of(session: Session, ids: list[int]) -> set[int]:
    """The interviews these insights belong to (deleted ones are not found)."""
    return set(session.exec(select(Insight.interview_id).where(col(Insight.id).in_(ids))).all())


def is_reviewed(status: str) -> bool:
    """An insight is reviewed once the user accepted, rejected or reworded it."""
    return status != InsightStatus.SUGGESTED


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
