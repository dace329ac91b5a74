"""Companies: editable firmographics and relationship with undo; transcript suggestions accepted in one
click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlmodel import Session, select

from desktop.company_table_model import CompanyTableModel
from desktop.main_window import MainWindow
from models.tables import Company, CompanyRelationship, FirmographicSuggestion, InsightStatus
from synthesis.extraction.run import run_extraction


def company(window: MainWindow, name: str) -> Company:
    with Session(window.workspace.engine) as session:
        return session.exec(select(Company).where(Company.name == name)).one()


def test_company_cells_are_edited_with_undo(qtbot, qtmodeltester, synthesised_window: MainWindow) -> None:
    window = synthesised_window
    window.show_section("companies")
    view = window.page.companies
    qtmodeltester.check(view.model)
    qtmodeltester.check(CompanyTableModel())
    assert view.model.rowCount() == 8
    row = view.model.row_of(company(window, "Corvane").id)
    assert view.model.setData(view.model.index(row, 2), "about 500 people")
    qtbot.waitUntil(lambda: company(window, "Corvane").employee_count == 500)
    assert view.model.setData(view.model.index(row, 8), "customer")
    qtbot.waitUntil(lambda: company(window, "Corvane").relationship == CompanyRelationship.CUSTOMER)
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert company(window, "Corvane").employee_count == 480
    assert company(window, "Corvane").relationship == CompanyRelationship.CHURNED

    view.model.setData(view.model.index(row, 2), "lots")
    qtbot.waitUntil(lambda: "Not changed" in window.statusBar().currentMessage())
    assert company(window, "Corvane").employee_count == 480
    assert view.model.index(view.model.row_of(company(window, "Corvane").id), 2).data() == "480"


def test_a_transcript_suggestion_is_accepted_in_one_click(synthesised_window: MainWindow) -> None:
    window = synthesised_window
    window.show_section("companies")
    view = window.page.companies
    quillfield = company(window, "Quillfield Software")
    view.select_company(quillfield.id)
    assert view.suggestions and "Quillfield Software" in view.suggestion_title.text()
    suggestion = next(s for s in view.suggestions if s.value == "Vanta")
    assert suggestion.quote == "Vanta" and suggestion.target == "tech_stack"
    assert "Vanta" not in quillfield.tech_stack
    buttons_before = len(view.accept_buttons)
    view.accept_buttons[suggestion.id].click()
    assert company(window, "Quillfield Software").tech_stack[-1] == "Vanta"
    with Session(window.workspace.engine) as session:
        assert session.get(FirmographicSuggestion, suggestion.id).status == InsightStatus.ACCEPTED
    assert len(view.accept_buttons) == buttons_before - 1
    window.undo_stack.undo()
    assert "Vanta" not in company(window, "Quillfield Software").tech_stack
    with Session(window.workspace.engine) as session:
        assert session.get(FirmographicSuggestion, suggestion.id).status == InsightStatus.SUGGESTED


def test_a_wrong_suggestion_is_dismissed_with_the_keyboard_and_the_list_never_jumps(
    qtbot, synthesised_window: MainWindow
) -> None:
    window = synthesised_window
    window.show_section("companies")
    view = window.page.companies
    view.select_company(company(window, "Quillfield Software").id)
    order = [s.id for s in view.suggestions]
    waiting = [s for s in view.suggestions if s.status == "suggested"]
    assert len(waiting) >= 3
    view.splitter.setSizes([700, 90])  # a short suggestion pane, so that it scrolls
    bar = view.suggestion_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    assert scrolled > 0

    view.accept_buttons[waiting[1].id].click()
    assert [s.id for s in view.suggestions] == order  # accepted in place: no re-sort
    assert bar.value() == scrolled
    wrong = waiting[2]
    button = view.dismiss_buttons[wrong.id]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert [s.id for s in view.suggestions] == order
    assert wrong.id not in view.accept_buttons
    assert "Dismissed" in window.statusBar().currentMessage()
    labels = [label.text() for label in view.suggestion_rows.findChildren(QLabel)]
    assert "dismissed" in labels
    with Session(window.workspace.engine) as session:
        assert session.get(FirmographicSuggestion, wrong.id).status == InsightStatus.REJECTED

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert wrong.id in view.accept_buttons
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert wrong.id not in view.accept_buttons
    # the dismissal is remembered: extracting again never suggests it anew
    run_extraction(window.workspace.engine)
    with Session(window.workspace.engine) as session:
        same = session.exec(
            select(FirmographicSuggestion).where(
                FirmographicSuggestion.interview_id == wrong.interview_id,
                FirmographicSuggestion.field == wrong.field,
                FirmographicSuggestion.value == wrong.value,
            )
        ).all()
    assert [s.status for s in same] == [InsightStatus.REJECTED]



def test_a_cell_typed_and_committed_with_enter_raises_no_qt_warning(
    qtbot, qtlog, synthesised_window: MainWindow
) -> None:
    window = synthesised_window
    window.show_section("companies")
    view = window.page.companies
    index = view.model.index(view.model.row_of(company(window, "Corvane").id), 2)
    view.table.setCurrentIndex(index)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = view.table.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "520")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: company(window, "Corvane").employee_count == 520)
    window.page.navigation.setFocus()  # then the user clicks elsewhere
    qtbot.wait(50)
    assert view.model.index(index.row(), 2).data() == "520"
    assert not [r for r in qtlog.records if "commitData" in r.message]
