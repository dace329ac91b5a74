"""A sample workspace for GUI tests and screenshots: the written eval transcripts plus gold insights."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from models.database import create_workspace
from models.tables import EvidenceSpan, Insight, InsightKind, InsightStatus, Interview, Turn
from synthesis.importer import import_paths

STATUS_CYCLE = (
    InsightStatus.SUGGESTED,
    InsightStatus.SUGGESTED,
    InsightStatus.ACCEPTED,
    InsightStatus.REJECTED,
)


def add_gold_insights(engine: Engine, written_dir: Path, per_interview: int = 12) -> int:
    """Add insights with evidence spans from each transcript's ``.gold.jsonl``; returns how many."""
    added = 0
    with Session(engine) as session:
        for interview in session.exec(select(Interview)).all():
            gold = written_dir / f"{Path(interview.source_file_name).stem}.gold.jsonl"
            if not gold.is_file():
                continue
            turns = session.exec(select(Turn).where(Turn.interview_id == interview.id)).all()
            for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines()[:per_interview]):
                entry = json.loads(line)
                turn = next((t for t in turns if entry["quote"] in t.text), None)
                if turn is None:
                    continue
                start = turn.text.index(entry["quote"])
                insight = Insight(
                    interview_id=interview.id,
                    kind=InsightKind(entry["kind"]),
                    statement=_statement(entry["quote"]),
                    confidence=0.5 + (number % 5) / 10,
                    status=STATUS_CYCLE[number % len(STATUS_CYCLE)],
                )
                session.add(insight)
                session.flush()
                session.add(
                    EvidenceSpan(
                        insight_id=insight.id,
                        turn_id=turn.id,
                        start=start,
                        end=start + len(entry["quote"]),
                        quote=entry["quote"],
                    )
                )
                added += 1
        session.commit()
    return added


def _statement(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def make_sample_workspace(path: Path, written_dir: Path) -> Engine:
    engine = create_workspace(path)
    import_paths(engine, [written_dir])
    add_gold_insights(engine, written_dir)
    return engine


def make_synthesised_workspace(path: Path) -> Engine:
    """The packaged samples as a consultant would have them: transcripts imported, CRM companies loaded,
    rules-only extraction run, the demo ICP created and personas drafted."""
    from importlib.resources import as_file

    from synthesis.demo import ICP_CRITERIA, ICP_DESCRIPTION, ICP_NAME, INTERVIEWERS, SAMPLES, load_companies
    from synthesis.extraction.run import run_extraction
    from synthesis.icp.criteria import parse_criterion
    from synthesis.icp.store import create_icp
    from synthesis.personas.synthesize import synthesize_personas

    engine = create_workspace(path)
    with as_file(SAMPLES / "transcripts") as folder:
        import_paths(engine, [Path(folder)], interviewers=INTERVIEWERS)
    with Session(engine) as session:
        load_companies(session)
    run_extraction(engine)
    with Session(engine) as session:
        create_icp(session, ICP_NAME, [parse_criterion(c) for c in ICP_CRITERIA], ICP_DESCRIPTION)
    synthesize_personas(engine)
    return engine
