"""Companies: editable firmographics and relationship with undo; transcript suggestions accepted in one
click."""

from __future__ import annotations

from sqlmodel import Session, select

from desktop.company_table_model import CompanyTableModel
from desktop.main_window import MainWindow
from models.tables import Company, CompanyRelationship, FirmographicSuggestion, InsightStatus


def company(window: MainWindow, name: str) -> Company:
    with Session(window.workspace.engine) as session:
        return session.exec(select(Company).where(Company.name == name)).one()


def test_company_cells_are_edited_with_undo(qtmodeltester, synthesised_window: MainWindow) -> None:
    window = synthesised_window
    window.show_section("companies")
    view = window.page.companies
    qtmodeltester.check(view.model)
    qtmodeltester.check(CompanyTableModel())
    assert view.model.rowCount() == 8
    row = view.model.row_of(company(window, "Corvane").id)
    assert view.model.setData(view.model.index(row, 2), "about 500 people")
    assert company(window, "Corvane").employee_count == 500
    assert view.model.setData(view.model.index(row, 8), "customer")
    assert company(window, "Corvane").relationship == CompanyRelationship.CUSTOMER
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert company(window, "Corvane").employee_count == 480
    assert company(window, "Corvane").relationship == CompanyRelationship.CHURNED

    view.model.setData(view.model.index(row, 2), "lots")
    assert "Not changed" in window.statusBar().currentMessage()
    assert company(window, "Corvane").employee_count == 480
    assert view.model.index(view.model.row_of(company(window, "Corvane").id), 2).data() == "480"


def test_a_transcript_suggestion_is_accepted_in_one_click(synthesised_window: MainWindow) -> None:
    window = synthesised_window
    window.show_section("companies")
    view = window.page.companies
    quillfield = company(window, "Quillfield Software")
    view.select_company(quillfield.id)
    assert view.suggestions and "Quillfield Software" in view.suggestion_title.text()
    vanta = next(i for i, s in enumerate(view.suggestions) if s.value == "Vanta")
    suggestion = view.suggestions[vanta]
    assert suggestion.quote == "Vanta" and suggestion.target == "tech_stack"
    assert "Vanta" not in quillfield.tech_stack
    buttons_before = len(view.accept_buttons)
    view.accept_buttons[vanta].click()
    assert company(window, "Quillfield Software").tech_stack[-1] == "Vanta"
    with Session(window.workspace.engine) as session:
        assert session.get(FirmographicSuggestion, suggestion.id).status == InsightStatus.ACCEPTED
    assert len(view.accept_buttons) == buttons_before - 1
    window.undo_stack.undo()
    assert "Vanta" not in company(window, "Quillfield Software").tech_stack
    with Session(window.workspace.engine) as session:
        assert session.get(FirmographicSuggestion, suggestion.id).status == InsightStatus.SUGGESTED
