"""The ICP editor: criteria with inline errors, saving, the fit table and the success table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import Session

from desktop.icp_table_models import FitTableModel, SuccessTableModel
from desktop.main_window import MainWindow
from synthesis.icp.store import list_icps


def icps(window: MainWindow):
    with Session(window.workspace.engine) as session:
        return list_icps(session)


def test_icp_editor_shows_criteria_fit_and_success(qtmodeltester, synthesised_window: MainWindow) -> None:
    window = synthesised_window
    window.show_section("icps")
    editor = window.page.icps
    assert editor.icp_list.count() == 1
    assert editor.name_edit.text() == "Mid-market B2B software"
    assert [row.attribute.currentData() for row in editor.criteria] == [
        "employees",
        "funding",
        "tech_stack",
        "geography",
    ]
    assert editor.criteria[0].value.text() == "100-1,000"
    assert editor.fit_model.rowCount() == 8
    assert editor.fit_model.headerData(4, Qt.Orientation.Horizontal) == "employees 100-1,000"
    cell = editor.fit_model.index(0, 4).data()
    assert cell[0] in "✓✗?" and len(cell) > 2
    verdicts = [editor.fit_model.index(r, 2).data() for r in range(8)]
    assert verdicts.count("fits") == 6
    misses = [v for v in verdicts if v != "fits"]  # a company that misses gets no half-fit number
    assert len(misses) == 2 and all(v.startswith("does not fit: misses ") and "%" not in v for v in misses)
    assert "fit “Mid-market B2B software”" in editor.fit_hint.text()
    # Corvane churned and Orbisana was lost, yet both fit: the hint says so
    assert "does not separate winners from losers" in editor.fit_hint.text()
    assert "Corvane (churned)" in editor.fit_hint.text()
    assert editor.success_model.rowCount() > 0
    assert editor.success_model.headerData(6, Qt.Orientation.Horizontal) == "n"
    assert editor.success_model.headerData(7, Qt.Orientation.Horizontal) == "Success"
    rows = range(editor.success_model.rowCount())
    shares = [editor.success_model.index(r, 7).data() for r in rows]
    sizes = [int(editor.success_model.index(r, 6).data()) for r in rows]
    assert all(s.endswith("(too few)") == (n < 3) for s, n in zip(shares, sizes, strict=True))
    assert editor.suggestion_list.count() >= 1
    qtmodeltester.check(editor.fit_model)
    qtmodeltester.check(editor.success_model)
    qtmodeltester.check(FitTableModel())
    qtmodeltester.check(SuccessTableModel())


def test_criteria_errors_are_shown_inline_and_nothing_is_saved(synthesised_window: MainWindow) -> None:
    window = synthesised_window
    editor = window.page.icps
    editor.criteria[0].value.setText("lots of people")
    assert not editor.criteria[0].error.isHidden()
    assert "expected a number or a range" in editor.criteria[0].error.text()
    editor.criteria[1].attribute.setCurrentIndex(0)
    assert "choose an attribute" in editor.criteria[1].error.text()
    editor.save_button.click()
    assert editor.form_error.text() == "Fix the criteria marked above."
    assert icps(window)[0].criteria[0].spec == {"min": 100, "max": 1000}
    editor.criteria[0].value.setText("200-2000")
    assert editor.criteria[0].error.isHidden()


def test_a_new_icp_is_saved_and_scored(synthesised_window: MainWindow) -> None:
    window = synthesised_window
    editor = window.page.icps
    editor.new_button.click()
    assert editor.name_edit.text() == "" and all(r.value.text() == "" for r in editor.criteria)
    editor.name_edit.setText("Enterprise")
    editor.criteria[0].set("employees", "1000+")
    editor.criteria[1].set("industry", "software")
    editor.save_button.click()
    assert "3 to 4 criteria; 2 given" in editor.form_error.text()
    editor.criteria[2].set("geography", "Europe")
    editor.save_button.click()
    assert editor.form_error.text() == ""
    assert [i.name for i in icps(window)] == ["Mid-market B2B software", "Enterprise"]
    assert editor.icp_list.count() == 2 and editor.icp_list.currentItem().text() == "Enterprise"
    assert editor.fit_model.headerData(4, Qt.Orientation.Horizontal) == "employees at least 1,000"
    assert "companies fit “Enterprise”" in editor.fit_hint.text()


def test_suggested_criteria_fill_the_form(synthesised_window: MainWindow) -> None:
    editor = synthesised_window.page.icps
    editor.apply_suggestions()
    filled = [(r.attribute.currentData(), r.value.text()) for r in editor.criteria if r.value.text()]
    assert filled == list(editor.evidence.suggestions)
    assert all(r.check() for r in editor.criteria)
