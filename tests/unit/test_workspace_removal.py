"""Deleting and merging records on a real workspace file, and undoing it exactly (same rows, same ids)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, SQLModel

from models.database import open_workspace
from models.search import search_turns
from models.tables import Company, Insight, Interview, Persona, PersonaInsight, Turn
from synthesis.personas.synthesize import synthesize_personas
from synthesis.report.content import gather_content
from synthesis.report.options import ReportOptions
from synthesis.workspace import insights, interviews, removal
from tests.gui.sample import make_synthesised_workspace


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped samples imported, companies loaded, rules extraction, one ICP, drafted personas."""
    path = tmp_path_factory.mktemp("removal") / "built.groundwork"
    make_synthesised_workspace(path).dispose()
    return path


@pytest.fixture
def engine(built: Path, tmp_path: Path) -> Iterator[Engine]:
    """A fresh copy of the built workspace file for each test."""
    path = tmp_path / "copy.groundwork"
    shutil.copyfile(built, path)
    engine = open_workspace(path)
    yield engine
    engine.dispose()


def dump(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                dict(r._mapping)
                for r in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in SQLModel.metadata.sorted_tables
        }


def change(engine: Engine, work):
    with Session(engine) as session:
        result = work(session)
        session.commit()
    return result


def test_deleting_an_interview_removes_its_turns_insights_and_report_entry_and_undo_restores_it(
    engine: Engine,
) -> None:
    before = dump(engine)
    with Session(engine) as session:
        interview = session.exec(select(Interview).order_by(Interview.id)).scalars().first()
        interview_id, title = interview.id, interview.title
        word = (
            session.exec(select(Turn.text).where(Turn.interview_id == interview_id))
            .scalars()
            .first()
            .split()[3]
        )
        hits_before = search_turns(session, word)
        entries_before = len(gather_content(session, ReportOptions(include_suggested=True)).interview_list)
    assert any(h.interview_id == interview_id for h in hits_before)

    snapshot = change(engine, lambda s: removal.delete(s, "interview", [interview_id]))
    assert snapshot.count("turn") > 0 and snapshot.count("insight") > 0 and snapshot.count("evidencespan") > 0
    with Session(engine) as session:
        assert session.get(Interview, interview_id) is None
        assert not session.exec(select(Turn).where(Turn.interview_id == interview_id)).all()
        assert not session.exec(select(Insight).where(Insight.interview_id == interview_id)).all()
        assert all(h.interview_id != interview_id for h in search_turns(session, word))
        content = gather_content(session, ReportOptions(include_suggested=True))
        assert len(content.interview_list) == entries_before - 1
        assert all(title not in entry.label for entry in content.interview_list)

    change(engine, lambda s: removal.undo_delete(s, snapshot))
    assert dump(engine) == before
    with Session(engine) as session:
        assert search_turns(session, word) == hits_before


def test_deleting_a_company_clears_its_interviews_and_undo_links_them_again(engine: Engine) -> None:
    before = dump(engine)
    with Session(engine) as session:
        company_id = (
            session.exec(select(Interview.company_id).where(Interview.company_id.is_not(None)))
            .scalars()
            .first()
        )
    snapshot = change(engine, lambda s: removal.delete(s, "company", [company_id]))
    assert snapshot.nulled and all(n.table == "interview" for n in snapshot.nulled)
    with Session(engine) as session:
        assert session.get(Company, company_id) is None
        assert not session.exec(select(Interview).where(Interview.company_id == company_id)).all()
    change(engine, lambda s: removal.undo_delete(s, snapshot))
    assert dump(engine) == before


def test_merging_companies_moves_interviews_fills_gaps_and_undo_restores_both(engine: Engine) -> None:
    with Session(engine) as session:
        keep = Company(name="Acme")
        other = Company(name="ACME Inc", industry="Logistics", tech_stack=["Jira"])
        session.add_all([keep, other])
        session.flush()
        interview = session.exec(select(Interview).order_by(Interview.id)).scalars().first()
        interview.company_id = other.id
        session.add(interview)
        session.commit()
        keep_id, other_id, interview_id = keep.id, other.id, interview.id
    before = dump(engine)

    snapshot = change(engine, lambda s: removal.merge_companies(s, keep_id, [other_id]))
    with Session(engine) as session:
        assert session.get(Company, other_id) is None
        merged = session.get(Company, keep_id)
        assert (merged.industry, merged.tech_stack) == ("Logistics", ["Jira"])
        assert session.get(Interview, interview_id).company_id == keep_id
    change(engine, lambda s: removal.undo_merge(s, snapshot))
    assert dump(engine) == before


def test_merging_personas_moves_their_insights_and_undo_restores_both(engine: Engine) -> None:
    before = dump(engine)
    with Session(engine) as session:
        keep_id, other_id = session.exec(select(Persona.id).order_by(Persona.id)).scalars().all()[:2]
        moved = set(
            session.exec(
                select(PersonaInsight.insight_id).where(PersonaInsight.persona_id == other_id)
            ).scalars()
        )
    assert moved
    snapshot = change(engine, lambda s: removal.merge_personas(s, keep_id, [other_id]))
    with Session(engine) as session:
        assert session.get(Persona, other_id) is None
        kept = set(
            session.exec(
                select(PersonaInsight.insight_id).where(PersonaInsight.persona_id == keep_id)
            ).scalars()
        )
        assert moved <= kept
    change(engine, lambda s: removal.undo_merge(s, snapshot))
    assert dump(engine) == before


@pytest.mark.parametrize("record", ["persona", "icp", "insight"])
def test_deleting_a_persona_icp_or_insight_is_undone_exactly(engine: Engine, record: str) -> None:
    before = dump(engine)
    first_id = before[record][0]["id"]
    snapshot = change(engine, lambda s: removal.delete(s, record, [first_id]))
    assert all(row["id"] != first_id for row in dump(engine)[record])
    change(engine, lambda s: removal.undo_delete(s, snapshot))
    assert dump(engine) == before


def test_a_persona_made_by_hand_is_kept_by_synthesis(engine: Engine) -> None:
    persona_id = change(engine, lambda s: removal.create_persona(s, "  Ops lead  "))
    synthesize_personas(engine)
    with Session(engine) as session:
        persona = session.get(Persona, persona_id)
        assert (persona.name, persona.status, persona.group_key) == ("Ops lead", "draft", "")
    with pytest.raises(ValueError, match="needs a name"), Session(engine) as session:
        removal.create_persona(session, " ")


def test_kinds_change_and_review_progress_counts(engine: Engine) -> None:
    with Session(engine) as session:
        rows = insights.insight_rows(session)
    first = rows[0]
    new_kind = "pain" if first.kind != "pain" else "goal"
    change(engine, lambda s: insights.set_insight_kinds(s, {first.id: new_kind}))
    change(engine, lambda s: insights.set_insight_statuses(s, {first.id: "rejected"}))
    with Session(engine) as session:
        row = insights.insight_rows(session, [first.id])[0]
        summary = next(s for s in interviews.interview_summaries(session) if s.id == first.interview_id)
    assert (row.kind, row.status, row.statement) == (new_kind, "rejected", first.statement)
    reviewed = sum(1 for r in rows if r.interview_id == first.interview_id and insights.is_reviewed(r.status))
    assert summary.reviewed == reviewed + (0 if insights.is_reviewed(first.status) else 1)
    assert summary.insights == sum(1 for r in rows if r.interview_id == first.interview_id)


def test_undo_refuses_when_a_newer_import_took_the_deleted_interviews_place(engine: Engine) -> None:
    with Session(engine) as session:
        last = session.exec(select(Interview).order_by(Interview.id.desc())).scalars().first()
        last_id, sha256 = last.id, last.sha256
    snapshot = change(engine, lambda s: removal.delete(s, "interview", [last_id]))
    with Session(engine) as session:  # the same file imported again: same sha256, and SQLite reuses the id
        session.add(
            Interview(title="again", source_file_name="again.txt", format="labelled", sha256=sha256, text="")
        )
        session.commit()
    after_import = dump(engine)
    with pytest.raises(removal.RestoreConflict, match="cannot come back"), Session(engine) as session:
        removal.undo_delete(session, snapshot)
    assert dump(engine) == after_import
