"""Sample workspaces for GUI tests and screenshots, built from the shipped samples (``synthesis/samples``)."""

from __future__ import annotations

import re
from importlib.resources import as_file
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models.database import create_workspace
from models.tables import EvidenceSpan, Insight, InsightKind, InsightStatus, Interview, Turn
from synthesis.demo import ICP_CRITERIA, ICP_DESCRIPTION, ICP_NAME, INTERVIEWERS, SAMPLES, load_companies
from synthesis.extraction.run import run_extraction
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.store import create_icp
from synthesis.importer import import_paths
from synthesis.personas.synthesize import synthesize_personas

PER_INTERVIEW = 12
"""Insights added to each interview of the sample workspace."""
KINDS = tuple(InsightKind)
STATUS_CYCLE = (
    InsightStatus.SUGGESTED,
    InsightStatus.SUGGESTED,
    InsightStatus.ACCEPTED,
    InsightStatus.REJECTED,
)
_SENTENCE = re.compile(r"[^.?!]+[.?!]")


def import_samples(engine: Engine) -> None:
    """Import the eight shipped sample transcripts, naming their interviewers."""
    with as_file(SAMPLES / "transcripts") as folder:
        import_paths(engine, [Path(folder)], interviewers=INTERVIEWERS)


def _longest_sentence(text: str) -> str | None:
    """The turn's longest sentence, when the turn has at least two (so the evidence shows context)."""
    sentences = [s.strip() for s in _SENTENCE.findall(text)]
    return max(sentences, key=len) if len(sentences) >= 2 else None


def add_insights(engine: Engine, per_interview: int = PER_INTERVIEW) -> int:
    """Quote a sentence of each of the first respondent turns of every interview, cycling through kinds,
    statuses and confidences; returns how many insights were added."""
    added = 0
    with Session(engine) as session:
        for interview in session.exec(select(Interview).order_by(col(Interview.id))).all():
            turns = session.exec(
                select(Turn)
                .where(Turn.interview_id == interview.id, Turn.role == "respondent")
                .order_by(col(Turn.index))
            ).all()
            quoted = [(t, q) for t in turns if (q := _longest_sentence(t.text))][:per_interview]
            for number, (turn, quote) in enumerate(quoted):
                insight = Insight(
                    interview_id=interview.id,
                    kind=KINDS[number % len(KINDS)],
                    statement=_statement(quote),
                    confidence=0.5 + (number % 5) / 10,
                    status=STATUS_CYCLE[number % len(STATUS_CYCLE)],
                )
                session.add(insight)
                session.flush()
                start = turn.text.index(quote)
                end = start + len(quote)
                session.add(
                    EvidenceSpan(insight_id=insight.id, turn_id=turn.id, start=start, end=end, quote=quote)
                )
                added += 1
        session.commit()
    return added


def _statement(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def make_sample_workspace(path: Path) -> Engine:
    """The shipped transcripts imported, with insights in every kind and status (no companies loaded)."""
    engine = create_workspace(path)
    import_samples(engine)
    add_insights(engine)
    return engine


def make_synthesised_workspace(path: Path) -> Engine:
    """The packaged samples as a consultant would have them: transcripts imported, CRM companies loaded,
    rules-only extraction run, the demo ICP created and personas drafted."""
    engine = create_workspace(path)
    import_samples(engine)
    synthesise_imported(engine)
    return engine


def synthesise_imported(engine: Engine) -> None:
    """Load the CRM companies, run rules-only extraction, create the demo ICP and draft personas."""
    with Session(engine) as session:
        load_companies(session)
    run_extraction(engine)
    with Session(engine) as session:
        create_icp(session, ICP_NAME, [parse_criterion(c) for c in ICP_CRITERIA], ICP_DESCRIPTION)
    synthesize_personas(engine)
