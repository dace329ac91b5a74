"""Companies, interviews, turns and evidence-backed insights written directly to a workspace, for tests."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from models.database import create_workspace
from models.tables import Company, EvidenceSpan, Insight, InsightKind, InsightStatus, Interview, Turn

QUESTION = "Tell me about your work."


def new_workspace(tmp_path: Path) -> Engine:
    return create_workspace(tmp_path / "x.groundwork")


def add_company(engine: Engine, name: str, **fields: Any) -> int:
    with Session(engine) as session:
        company = Company(name=name, **fields)
        session.add(company)
        session.commit()
        assert company.id is not None
        return company.id


def add_interview(
    engine: Engine,
    title: str,
    company_id: int | None,
    job_title: str | None,
    insights: list[tuple[InsightKind, str, str]],
    *,
    status: InsightStatus = InsightStatus.SUGGESTED,
) -> tuple[int, list[int]]:
    """An interview whose respondent turn says every quote; returns (interview id, insight ids)."""
    answer = " ".join(quote for _, _, quote in insights) or "Nothing to add."
    text = f"Interviewer: {QUESTION}\nRespondent: {answer}\n"
    with Session(engine) as session:
        interview = Interview(
            title=title,
            job_title=job_title,
            company_id=company_id,
            source_file_name=f"{title}.txt",
            format="txt",
            sha256=hashlib.sha256(text.encode() + title.encode()).hexdigest(),
            text=text,
        )
        session.add(interview)
        session.flush()
        assert interview.id is not None
        question_start = len("Interviewer: ")
        answer_start = text.index("Respondent: ") + len("Respondent: ")
        session.add(
            Turn(
                interview_id=interview.id,
                index=0,
                speaker="Interviewer",
                role="interviewer",
                text=QUESTION,
                start_char=question_start,
                end_char=question_start + len(QUESTION),
                start_seconds=0.0,
            )
        )
        turn = Turn(
            interview_id=interview.id,
            index=1,
            speaker="Respondent",
            role="respondent",
            text=answer,
            start_char=answer_start,
            end_char=answer_start + len(answer),
            start_seconds=65.0,
        )
        session.add(turn)
        session.flush()
        ids = []
        for kind, statement, quote in insights:
            insight = Insight(interview_id=interview.id, kind=kind, statement=statement, status=status)
            add_evidenced_insight(session, insight, turn, answer.index(quote), quote)
            assert insight.id is not None
            ids.append(insight.id)
        session.commit()
        return interview.id, ids


def add_evidenced_insight(session: Session, insight: Insight, turn: Turn, start: int, quote: str) -> None:
    """Add `insight` with one evidence span quoting `quote`, which stands at `start` in `turn`'s text."""
    session.add(insight)
    session.flush()
    session.add(
        EvidenceSpan(insight_id=insight.id, turn_id=turn.id, start=start, end=start + len(quote), quote=quote)
    )
