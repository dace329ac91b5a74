"""Deleting interviews, companies, personas and ICPs and merging companies and personas, with the keyboard:
the confirmation, what every view shows after it, and undo/redo."""

from __future__ import annotations

from importlib.resources import as_file
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox

from desktop.main_window import MainWindow
from desktop.workspace import Workspace
from synthesis.demo import SAMPLES
from synthesis.report.content import gather_content
from synthesis.report.options import ReportOptions
from synthesis.workspace import insights

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def undo(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, widget) -> None:
    qtbot.keyClick(
        widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )


def column(model, column_number: int = 0) -> list[str]:
    return [model.index(r, column_number).data() for r in range(model.rowCount())]


def report_entries(workspace: Workspace) -> list[str]:
    content = workspace.read(lambda s: gather_content(s, ReportOptions(include_suggested=True)))
    return [entry.label for entry in content.interview_list]


def test_delete_an_interview_with_confirmation_and_undo(
    qtbot, open_window: MainWindow, workspace: Workspace
) -> None:
    page = open_window.page
    page.open_interview(2)
    view = page.interviews
    titles = column(view.list_model)
    title = titles[1]
    entries = report_entries(workspace)
    insight_rows = page.insights.model.rowCount()
    mine = sum(1 for r in workspace.read(insights.insight_rows) if r.interview_id == 2)

    view.list_view.setFocus()
    qtbot.keyClick(view.list_view, Qt.Key.Key_Delete)
    box = view.record_actions.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert f"“{title}”" in box.text() and f"{mine} insights" in box.text() and "turns" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape cancels
    assert column(view.list_model) == titles

    qtbot.keyClick(view.list_view, Qt.Key.Key_Delete)
    qtbot.keyClick(view.record_actions.dialog, Qt.Key.Key_Return)  # Delete is the default button
    assert title not in column(view.list_model)
    assert page.insights.model.rowCount() == insight_rows - mine
    assert page.counts.interviews == len(titles) - 1
    assert len(report_entries(workspace)) == len(entries) - 1
    assert view.detail is None or view.detail.id != 2

    undo(qtbot, view.list_view)
    assert column(view.list_model) == titles
    assert page.insights.model.rowCount() == insight_rows
    assert report_entries(workspace) == entries
    redo(qtbot, view.list_view)
    assert title not in column(view.list_model)


def company_names(window: MainWindow) -> list[str]:
    return column(window.page.companies.model)


def test_merge_two_companies_and_undo(qtbot, synthesised_window: MainWindow) -> None:
    page = synthesised_window.page
    page.show_section("companies")
    view = page.companies
    names = company_names(synthesised_window)
    interviews_of = dict(zip(names, column(view.model, 9), strict=True))
    merged, keep = names[0], names[1]
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_M, CTRL_SHIFT)
    dialog = view.record_actions.dialog
    assert dialog is not None and f"Merge “{merged}” into" in dialog.labelText()
    combo = dialog.findChild(QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert combo.currentText() == keep
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert company_names(synthesised_window) == names[1:]
    total = int(interviews_of[merged]) + int(interviews_of[keep])
    assert column(view.model, 9)[0] == str(total)

    undo(qtbot, view.table)
    assert company_names(synthesised_window) == names
    assert dict(zip(names, column(view.model, 9), strict=True)) == interviews_of


def test_delete_a_company_and_undo(qtbot, synthesised_window: MainWindow) -> None:
    page = synthesised_window.page
    page.show_section("companies")
    view = page.companies
    names = company_names(synthesised_window)
    view.table.selectRow(2)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "link to 1 interview" in view.record_actions.dialog.text()
    qtbot.keyClick(view.record_actions.dialog, Qt.Key.Key_Return)
    assert company_names(synthesised_window) == names[:2] + names[3:]
    undo(qtbot, view.table)
    assert company_names(synthesised_window) == names


def persona_names(window: MainWindow) -> list[str]:
    persona_list = window.page.personas.persona_list
    return [persona_list.item(n).text().split("\n")[0] for n in range(persona_list.count())]


def test_personas_new_merge_delete_with_undo(qtbot, synthesised_window: MainWindow) -> None:
    page = synthesised_window.page
    page.show_section("personas")
    view = page.personas
    names = persona_names(synthesised_window)
    assert len(names) >= 2

    view.new_button.setFocus()
    qtbot.keyClick(view.new_button, Qt.Key.Key_Space)
    line = view.name_dialog.findChild(QLineEdit)
    qtbot.keyClicks(line, "Operations lead")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert "Operations lead" in persona_names(synthesised_window)
    assert view.profile is not None and view.profile.name == "Operations lead"
    undo(qtbot, view.persona_list)
    assert persona_names(synthesised_window) == names

    view.persona_list.setFocus()
    view.persona_list.setCurrentRow(0)
    kept_interviews = set(view.profile.interviews)
    view.persona_list.setCurrentRow(1)
    merged = names[1]
    merged_interviews = set(view.profile.interviews)
    qtbot.keyClick(view.persona_list, Qt.Key.Key_M, CTRL_SHIFT)
    dialog = view.record_actions.dialog
    combo = dialog.findChild(QComboBox)
    assert combo.currentText() == names[0]
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert persona_names(synthesised_window) == [n for n in names if n != merged]
    assert view.profile.name == names[0]
    assert set(view.profile.interviews) == kept_interviews | merged_interviews
    undo(qtbot, view.persona_list)
    assert persona_names(synthesised_window) == names
    view.persona_list.setCurrentRow(0)
    assert set(view.profile.interviews) == kept_interviews

    view.persona_list.setCurrentRow(0)
    qtbot.keyClick(view.persona_list, Qt.Key.Key_Delete)
    qtbot.keyClick(view.record_actions.dialog, Qt.Key.Key_Return)
    assert persona_names(synthesised_window) == names[1:]
    assert page.counts.personas == len(names) - 1
    undo(qtbot, view.persona_list)
    assert persona_names(synthesised_window) == names


def test_delete_an_icp_and_undo(qtbot, synthesised_window: MainWindow) -> None:
    page = synthesised_window.page
    page.show_section("icps")
    view = page.icps
    assert view.icp_list.count() == 1
    name = view.icp_list.item(0).text()
    view.icp_list.setCurrentRow(0)
    view.icp_list.setFocus()
    qtbot.keyClick(view.icp_list, Qt.Key.Key_Delete)
    qtbot.keyClick(view.record_actions.dialog, Qt.Key.Key_Return)
    assert view.icp_list.count() == 0 and view.name_edit.text() == ""
    undo(qtbot, view.icp_list)
    assert [view.icp_list.item(0).text()] == [name] and view.name_edit.text() == name


def test_undo_after_the_same_file_was_imported_again_says_why_it_cannot(
    qtbot, open_window: MainWindow, message_boxes: list[tuple[str, str]]
) -> None:
    view = open_window.page.interviews
    titles = column(view.list_model)
    view.list_view.selectRow(len(titles) - 1)
    view.list_view.setFocus()
    qtbot.keyClick(view.list_view, Qt.Key.Key_Delete)
    qtbot.keyClick(view.record_actions.dialog, Qt.Key.Key_Return)
    assert column(view.list_model) == titles[:-1]
    with as_file(SAMPLES / "transcripts") as folder:
        open_window.import_paths([next(Path(folder).glob("08-*"))])
    open_window.import_dialog.close()
    assert column(view.list_model) == titles

    undo(qtbot, view.list_view)
    assert message_boxes and message_boxes[-1][0] == "Cannot undo"
    assert "import or a synthesis run" in message_boxes[-1][1]
    assert column(view.list_model) == titles
    assert (
        "Delete" not in open_window.menu_actions.undo_action.text()
    )  # dropped: a redo cannot delete the new one
