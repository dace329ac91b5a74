"""The persona editor: undoable field edits kept across reopening and re-synthesis, moving and removing
insights, ICP links, and evidence that opens the transcript."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from sqlmodel import Session, select

from desktop.main_window import MainWindow
from models.tables import Persona, PersonaIcp, PersonaInsight, PersonaInterview
from synthesis.personas.query import persona_profile
from synthesis.personas.synthesize import synthesize_personas


def persona(window: MainWindow, persona_id: int) -> Persona:
    with Session(window.workspace.engine) as session:
        return session.get(Persona, persona_id)


def test_a_persona_edit_is_persisted_and_reloaded(
    synthesised_window: MainWindow, synthesised_path: Path
) -> None:
    window = synthesised_window
    window.show_section("personas")
    editor = window.page.personas
    with Session(window.workspace.engine) as session:
        assert editor.persona_list.count() == len(session.exec(select(Persona)).all()) >= 2
    profile = editor.profile
    assert profile is not None and editor.fields["name"].text() == profile.name
    assert re.search(r"\b\d+ of \d+ respondents\b", editor.themes.toPlainText())
    shown = editor.themes.toPlainText()
    for heading in (
        "Who they are",
        "Job titles",
        "Reporting line",
        "Team size",
        "Part in the buying decision",
    ):
        assert heading in shown
    for heading in ("Goals", "Pains", "Aspirations", "Buying behaviour", "Triggers", "Objections and risks"):
        assert heading in shown
    assert "Their companies" in shown and "company facts from the ICP data" in shown

    editor.fields["name"].setText("Revenue leader Rita")
    editor.fields["name"].editingFinished.emit()
    editor.fields["summary"].setPlainText("Owns the number; wants one forecast everyone trusts.")
    editor.fields["summary"].editing_finished.emit()
    editor.status_combo.setCurrentText("reviewed")
    stored = persona(window, profile.id)
    assert (stored.name, stored.status) == ("Revenue leader Rita", "reviewed")
    assert stored.edited_fields == ["name", "summary", "status"]
    assert window.undo_stack.undoText() == "Edit persona status"

    window.undo_stack.undo()
    assert persona(window, profile.id).status == profile.status
    assert persona(window, profile.id).edited_fields == ["name", "summary"]
    window.undo_stack.redo()

    window.close_workspace()
    synthesize_personas_at(synthesised_path)
    assert window.open_workspace_path(synthesised_path)
    window.show_section("personas")
    editor = window.page.personas
    editor.open_persona(profile.id)
    assert editor.fields["name"].text() == "Revenue leader Rita"
    assert editor.fields["summary"].toPlainText() == "Owns the number; wants one forecast everyone trusts."
    assert editor.status_combo.currentText() == "reviewed"
    assert "name, summary, status" in editor.edited_label.text()


def synthesize_personas_at(path: Path) -> None:
    from models.database import open_workspace

    engine = open_workspace(path)
    synthesize_personas(engine)
    engine.dispose()


def profile_insights(session: Session, persona_id: int) -> set[int]:
    profile = persona_profile(session, persona_id)
    return {s.insight_id for views in profile.fields.values() for v in views for s in v.statements}


def test_insights_move_between_personas_and_are_removed_with_undo(synthesised_window: MainWindow) -> None:
    window = synthesised_window
    window.show_section("personas")
    editor = window.page.personas
    source = editor.profile
    target = next(p.id for p in editor._personas if p.id != source.id)
    statement = next(s for views in source.fields.values() for view in views for s in view.statements)

    editor.move_insight(statement.insight_id, target)
    with Session(window.workspace.engine) as session:
        rows = session.exec(
            select(PersonaInsight).where(PersonaInsight.insight_id == statement.insight_id)
        ).all()
    assert [(r.persona_id, r.user_placed) for r in rows] == [(target, True)]
    assert window.undo_stack.undoText().startswith("Move insight to ")
    window.undo_stack.undo()
    with Session(window.workspace.engine) as session:
        row = session.get(PersonaInsight, (source.id, statement.insight_id))
    assert row is not None and not row.user_placed

    editor.remove_insight(statement.insight_id)
    with Session(window.workspace.engine) as session:
        assert session.get(PersonaInsight, (source.id, statement.insight_id)).excluded
    assert editor.profile.id == source.id
    shown = {s.insight_id for views in editor.profile.fields.values() for v in views for s in v.statements}
    assert statement.insight_id not in shown
    synthesize_personas(window.workspace.engine)  # re-drafting does not put a removed insight back
    with Session(window.workspace.engine) as session:
        placed = profile_insights(session, source.id)
    assert statement.insight_id not in placed
    window.undo_stack.undo()
    with Session(window.workspace.engine) as session:
        row = session.get(PersonaInsight, (source.id, statement.insight_id))
        assert row is not None and not row.excluded


def test_icp_links_and_evidence_links(synthesised_window: MainWindow) -> None:
    window = synthesised_window
    window.show_section("personas")
    editor = window.page.personas
    profile = editor.profile
    assert editor.icp_list.count() == 1
    linked = bool(profile.icps)
    assert (editor.icp_list.item(0).checkState() == Qt.CheckState.Checked) == linked
    editor.icp_list.item(0).setCheckState(Qt.CheckState.Unchecked if linked else Qt.CheckState.Checked)
    with Session(window.workspace.engine) as session:
        links = session.exec(select(PersonaIcp).where(PersonaIcp.persona_id == profile.id)).all()
    assert bool(links) is not linked
    window.undo_stack.undo()

    quote = next(q for views in profile.fields.values() for view in views for q in view.evidence)
    editor.themes.anchorClicked.emit(QUrl(f"turn:{quote.interview_id}/{quote.turn_id}"))
    interviews = window.page.interviews
    assert window.page.stack.currentWidget() is interviews
    assert interviews.detail is not None and interviews.detail.id == quote.interview_id
    assert quote.quote in interviews.browser.toPlainText()


def test_thin_evidence_is_flagged_in_the_editor(synthesised_window: MainWindow) -> None:
    """A persona of fewer than three respondents and a theme of one respondent are flagged where shown."""
    window = synthesised_window
    window.show_section("personas")
    editor = window.page.personas
    profile = editor.profile
    assert profile is not None and profile.respondents >= 3
    shown = editor.themes.toPlainText()
    assert "Thin evidence" not in shown
    assert any(v.single_respondent for views in profile.fields.values() for v in views)
    assert "one respondent only" in shown
    with Session(window.workspace.engine) as session:
        links = session.exec(select(PersonaInterview).where(PersonaInterview.persona_id == profile.id)).all()
        for link in links[2:]:
            session.delete(link)
        session.commit()
    editor.open_persona(profile.id)
    assert editor.profile.respondents == 2
    assert "Thin evidence: drawn from fewer than 3 respondents" in editor.themes.toPlainText()
