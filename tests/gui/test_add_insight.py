"""Adding an insight by selecting a respondent's words in a transcript; filtering insights by persona."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from sqlmodel import Session, col, select

from desktop.insight_table_model import ROW_ROLE
from desktop.main_window import MainWindow
from models.tables import EvidenceSpan, Insight, InsightStatus, Persona, PersonaInsight, Turn


def select_in_turn(window: MainWindow, role: str, start: int, end: int) -> tuple[int, str]:
    """Select ``[start, end)`` of the first turn with ``role``; returns (turn number, its text)."""
    view = window.page.interviews
    number, turn = next((n, t) for n, t in enumerate(view.detail.turns) if t.role == role)
    block = view.browser.document().findBlockByNumber(2 * number + 1)
    cursor = QTextCursor(view.browser.document())
    cursor.setPosition(block.position() + start)
    cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
    view.browser.setTextCursor(cursor)
    return turn.id, turn.text


def test_selected_respondent_words_become_an_accepted_user_insight(open_window: MainWindow) -> None:
    window = open_window
    window.page.open_interview(1)
    view = window.page.interviews
    turn_id, text = select_in_turn(window, "respondent", 0, 40)
    start = len(text[:40]) - len(text[:40].lstrip())
    end = len(text[:40].rstrip())
    assert view.add_insight("pain")
    with Session(window.workspace.engine) as session:
        insight = session.exec(select(Insight).where(Insight.origin == "user")).one()
        span = session.exec(select(EvidenceSpan).where(EvidenceSpan.insight_id == insight.id)).one()
        turn = session.get(Turn, turn_id)
    assert insight.status == InsightStatus.ACCEPTED and insight.kind == "pain"
    assert (span.turn_id, span.start, span.end) == (turn_id, start, end)
    assert turn.text[span.start : span.end] == span.quote == insight.statement
    assert insight.id in {h.insight_id for h in view.detail.highlights}
    assert window.page.insights.model.row_of(insight.id) is not None

    window.undo_stack.undo()
    with Session(window.workspace.engine) as session:
        assert session.get(Insight, insight.id) is None
        assert not session.exec(select(EvidenceSpan).where(EvidenceSpan.insight_id == insight.id)).all()


def test_interviewer_words_are_not_taken_as_insights(open_window: MainWindow) -> None:
    window = open_window
    window.page.open_interview(1)
    select_in_turn(window, "interviewer", 0, 20)
    assert not window.page.interviews.add_insight("goal")
    assert "select words a respondent said" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0


def test_insights_are_filtered_by_persona(synthesised_window: MainWindow) -> None:
    window = synthesised_window
    review = window.page.insights
    combo = review.persona_filter
    assert [combo.itemText(i) for i in range(2)] == ["All personas", "In no persona"]
    with Session(window.workspace.engine) as session:
        assert combo.count() == 2 + len(session.exec(select(Persona)).all()) >= 4
    persona_id = combo.itemData(2)
    with Session(window.workspace.engine) as session:
        placed = set(
            session.exec(
                select(PersonaInsight.insight_id).where(col(PersonaInsight.persona_id) == persona_id)
            )
        )
    combo.setCurrentIndex(2)
    shown = {review.proxy.index(r, 0).data(ROW_ROLE).id for r in range(review.proxy.rowCount())}
    assert shown == placed and shown
    combo.setCurrentIndex(1)
    rows = [review.proxy.index(r, 0).data(ROW_ROLE) for r in range(review.proxy.rowCount())]
    assert rows and all(not row.persona_ids for row in rows)
