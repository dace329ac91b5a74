"""The interview view: highlighted transcript, insight selection, speaker roles and metadata with undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QUrl
from sqlmodel import Session, select

from desktop.interview_view import InterviewView
from desktop.main_window import MainWindow
from desktop.transcript_html import highlighted_text
from desktop.workspace import Workspace
from models.tables import Company, Insight, Interview, Turn
from synthesis.workspace.interviews import Highlight


def opened(window: MainWindow, interview_id: int = 1) -> InterviewView:
    window.page.open_interview(interview_id)
    view = window.page.interviews
    assert view.detail is not None and view.detail.id == interview_id
    return view


def test_overlapping_highlights_link_to_the_earliest_insight() -> None:
    text = "We use HubSpot and Jira daily."
    spans = [
        Highlight(1, 7, 7, 22, "company", "suggested", "Tools"),
        Highlight(2, 7, 19, 29, "pain", "rejected", "Jira"),
    ]
    html = highlighted_text(text, spans)
    assert html.index('name="insight-1"') < html.index('href="insight:1"') < html.index('name="insight-2"')
    assert html.count('href="insight:2"') == 1  # only the part after insight 1 ends
    assert "We use " in html and "<script" not in highlighted_text("<script>", [])


def stored(workspace: Workspace, table: type, *where) -> int:
    with Session(workspace.engine) as session:
        return len(session.exec(select(table).where(*where)).all())


def test_transcript_shows_turns_and_highlights(open_window: MainWindow, workspace: Workspace) -> None:
    view = opened(open_window)
    assert view.detail.title == "01-quillfield-software"
    text = view.browser.toPlainText()
    assert "Priya Raman" in text and "14:03:12" in text and "respondent" in text
    insights = stored(workspace, Insight, Insight.interview_id == 1)
    assert insights >= 10
    assert view.browser.toHtml().count('href="insight:') >= insights
    assert view.insight_list.count() == insights
    assert view.list_model.rowCount() == stored(workspace, Interview) == 8


def test_clicking_a_highlight_selects_its_insight(open_window: MainWindow) -> None:
    view = opened(open_window)
    target = view.detail.highlights[4].insight_id
    view.browser.anchorClicked.emit(QUrl(f"insight:{target}"))
    assert view.selected_insight == target
    assert view.insight_list.currentItem().data(Qt.ItemDataRole.UserRole) == target


def test_selecting_an_insight_emphasises_its_highlight(open_window: MainWindow) -> None:
    view = opened(open_window)
    item = view.insight_list.item(3)
    view.insight_list.setCurrentItem(item)
    assert view.selected_insight == item.data(Qt.ItemDataRole.UserRole)
    assert "underline" in view.browser.toHtml()


def test_open_in_transcript_from_review_selects_the_insight(open_window: MainWindow) -> None:
    review = open_window.page.insights
    row = review.model.insight_at(20)
    review.open_in_transcript.emit(row.interview_id, row.id)
    view = open_window.page.interviews
    assert open_window.page.stack.currentWidget() is view
    assert view.detail.id == row.interview_id
    assert view.selected_insight == row.id


def speaker_roles(workspace: Workspace, interview_id: int) -> dict[str, str]:
    with Session(workspace.engine) as session:
        turns = session.exec(select(Turn).where(Turn.interview_id == interview_id)).all()
    return {t.speaker: t.role for t in turns}


def test_changing_a_speaker_role_updates_every_turn_and_undoes(
    open_window: MainWindow, workspace: Workspace
) -> None:
    view = opened(open_window)
    before = speaker_roles(workspace, 1)
    speaker = next(s for s, role in before.items() if role == "interviewer")
    view.meta_panel.role_boxes[speaker].setCurrentText("other")
    assert speaker_roles(workspace, 1)[speaker] == "other"
    assert f"{speaker}" in view.browser.toPlainText() and "other" in view.browser.toPlainText()
    assert view.meta_panel.role_boxes[speaker].currentText() == "other"
    open_window.undo_stack.undo()
    assert speaker_roles(workspace, 1) == before
    assert view.meta_panel.role_boxes[speaker].currentText() == "interviewer"


def test_metadata_edits_are_saved_at_once_and_undoable(open_window: MainWindow, workspace: Workspace) -> None:
    view = opened(open_window)
    companies = stored(workspace, Company)
    fields = view.meta_panel.fields
    fields["job_title"].setText("Senior Customer Success Manager")
    fields["job_title"].editingFinished.emit()
    fields["company"].setText("Brightrota")
    fields["company"].editingFinished.emit()
    fields["date"].setText("2025-11-06")
    fields["date"].editingFinished.emit()
    with Session(workspace.engine) as session:
        interview = session.get(Interview, 1)
        company = session.get(Company, interview.company_id)
        assert (interview.job_title, company.name, interview.date) == (
            "Senior Customer Success Manager",
            "Brightrota",
            dt.date(2025, 11, 6),
        )
    assert open_window.page.navigation.item(2).text() == f"Companies  ({companies + 1})"
    open_window.undo_stack.undo()
    open_window.undo_stack.undo()
    with Session(workspace.engine) as session:
        interview = session.get(Interview, 1)
        assert (interview.company_id, interview.date) == (None, None)
    assert fields["company"].text() == ""


def test_an_unreadable_date_is_refused_with_a_message(open_window: MainWindow, workspace: Workspace) -> None:
    view = opened(open_window)
    view.meta_panel.fields["date"].setText("next Tuesday")
    view.meta_panel.fields["date"].editingFinished.emit()
    assert "YYYY-MM-DD" in open_window.statusBar().currentMessage()
    assert view.meta_panel.fields["date"].text() == ""
    assert open_window.undo_stack.count() == 0
