"""Reviewing with the keyboard as a user would: A, R, E, K and Delete in the insight table, the interview's
insight list and its transcript; the next row after a decision; undo and redo refreshing every filter."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from desktop.insight_review import InsightReview
from desktop.interview_view import InterviewView
from desktop.main_window import MainWindow
from desktop.workspace import Workspace
from synthesis.workspace import insights


def review(window: MainWindow) -> InsightReview:
    window.page.show_section("insights")
    return window.page.insights


def shown(page: InsightReview) -> list[int]:
    """Ids of the rows the table shows, top to bottom."""
    return [page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).id for r in range(page.proxy.rowCount())]


def current_id(page: InsightReview) -> int:
    return page.table.currentIndex().data(Qt.ItemDataRole.UserRole).id


def stored(workspace: Workspace, insight_id: int) -> insights.InsightRow:
    return workspace.read(lambda s: insights.insight_rows(s, [insight_id]))[0]


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def undo(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, widget) -> None:
    qtbot.keyClick(
        widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )


def popup_menu() -> QMenu:
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_undo_of_a_bulk_reject_brings_the_rows_back_into_the_filtered_table(
    qtbot, open_window: MainWindow, workspace: Workspace
) -> None:
    page = review(open_window)
    choose(page.kind_filter, "buying")
    choose(page.status_filter, "suggested")
    before = shown(page)
    assert len(before) >= 3
    assert page.counts.text().startswith(f"{len(before)} of ")
    page.table.setFocus()
    page.table.selectAll()
    qtbot.keyClick(page.table, Qt.Key.Key_R)
    assert shown(page) == [] and page.counts.text().startswith("0 of ")
    assert {stored(workspace, i).status for i in before} == {"rejected"}
    assert open_window.menu_actions.undo_action.text() == f"&Undo Reject {len(before)} insights"

    undo(qtbot, page.table)
    assert shown(page) == before  # without touching the filters
    assert {stored(workspace, i).status for i in before} == {"suggested"}
    redo(qtbot, page.table)
    assert shown(page) == []
    choose(page.status_filter, "rejected")
    assert set(before) <= set(shown(page))
    undo(qtbot, page.table)
    assert not set(before) & set(shown(page))  # undone while showing "rejected": they leave it


def test_a_and_r_move_to_the_next_row(qtbot, open_window: MainWindow, workspace: Workspace) -> None:
    page = review(open_window)
    choose(page.status_filter, "suggested")
    rows = shown(page)
    page.go_to_insight(rows[0])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert stored(workspace, rows[0]).status == "accepted"
    assert shown(page)[0] == rows[1] and current_id(page) == rows[1]
    qtbot.keyClick(page.table, Qt.Key.Key_R)
    assert stored(workspace, rows[1]).status == "rejected"
    assert current_id(page) == rows[2] and page.selected_rows()[0].id == rows[2]

    choose(page.status_filter, "")  # with every status shown the row stays and the selection moves on
    page.go_to_insight(rows[2])
    following = shown(page)[shown(page).index(rows[2]) + 1]
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert rows[2] in shown(page) and current_id(page) == following
    assert "reviewed overall" in page.counts.text()


def test_letters_are_review_keys_not_type_to_find(qtbot, open_window: MainWindow) -> None:
    page = review(open_window)
    page.go_to_insight(shown(page)[5])
    page.table.setFocus()
    for key in (Qt.Key.Key_G, Qt.Key.Key_P, Qt.Key.Key_B):
        qtbot.keyClick(page.table, key)
    assert current_id(page) == shown(page)[5]
    view = opened(open_window)
    view.insight_list.setFocus()
    view.insight_list.setCurrentRow(4)
    for key in (Qt.Key.Key_G, Qt.Key.Key_P, Qt.Key.Key_B, Qt.Key.Key_C):
        qtbot.keyClick(view.insight_list, key)
    assert view.insight_list.currentRow() == 4


def test_k_changes_the_kind_with_undo(qtbot, open_window: MainWindow, workspace: Workspace) -> None:
    page = review(open_window)
    choose(page.kind_filter, "goal")
    target = shown(page)[0]
    page.go_to_insight(target)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_K)
    menu = popup_menu()
    assert [a.text().replace("&", "") for a in menu.actions()][:2] == ["Role", "Company"]
    qtbot.keyClick(menu, Qt.Key.Key_P)  # &Pain
    assert stored(workspace, target).kind == "pain"
    assert target not in shown(page)
    undo(qtbot, page.table)
    assert stored(workspace, target).kind == "goal" and target in shown(page)
    assert page.proxy.index(shown(page).index(target), 0).data() == "Goal"


def test_an_edited_row_stays_in_the_suggested_filter_until_the_filter_changes(
    qtbot, open_window: MainWindow, workspace: Workspace
) -> None:
    page = review(open_window)
    choose(page.status_filter, "suggested")
    target = shown(page)[1]
    page.go_to_insight(target)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_E)
    editor = page.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Wants one view of every account")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.table.state() != page.table.State.EditingState
    )  # the delegate commits queued
    row = stored(workspace, target)
    assert (row.statement, row.status) == ("Wants one view of every account", "edited")
    assert target in shown(page) and current_id(page) == target
    choose(page.kind_filter, "role")
    choose(page.kind_filter, "")
    assert target not in shown(page)  # the filter changed: the rule applies again


def test_delete_key_and_the_context_menu_with_undo(
    qtbot, open_window: MainWindow, workspace: Workspace
) -> None:
    page = review(open_window)
    rows = shown(page)
    page.go_to_insight(rows[3])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert rows[3] not in shown(page) and current_id(page) == rows[4]
    assert not workspace.read(lambda s: insights.insight_rows(s, [rows[3]]))
    undo(qtbot, page.table)
    assert shown(page) == rows and stored(workspace, rows[3]).id == rows[3]

    page.go_to_insight(rows[6])
    position = page.table.visualRect(page.table.currentIndex()).center()
    page.table.customContextMenuRequested.emit(position)
    menu = popup_menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Accept", "Reject", "Edit", "Change kind", "Delete"]
    qtbot.keyClick(menu, Qt.Key.Key_R)
    assert stored(workspace, rows[6]).status == "rejected"


def test_minimum_confidence_filter(qtbot, open_window: MainWindow) -> None:
    page = review(open_window)
    total = page.proxy.rowCount()
    spin = page.confidence_filter.spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "0.8")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    values = [
        page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).confidence for r in range(page.proxy.rowCount())
    ]
    assert values and min(values) >= 0.8 and len(values) < total
    assert page.counts.text().startswith(f"{len(values)} of {total} shown")


def opened(window: MainWindow, interview_id: int = 1) -> InterviewView:
    window.page.open_interview(interview_id)
    return window.page.interviews


def list_ids(view: InterviewView) -> list[int]:
    return [
        view.insight_list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(view.insight_list.count())
    ]


def test_review_in_the_interview_insight_list_refreshes_the_table_too(
    qtbot, open_window: MainWindow, workspace: Workspace
) -> None:
    page = review(open_window)
    choose(page.status_filter, "suggested")
    view = opened(open_window)
    ids = list_ids(view)
    first = next(i for i in ids if stored(workspace, i).status == "suggested")
    view.insight_list.setFocus()
    view.insight_list.setCurrentRow(ids.index(first))
    progress = view.progress.text()
    qtbot.keyClick(view.insight_list, Qt.Key.Key_A)
    assert stored(workspace, first).status == "accepted"
    assert (
        view.insight_list.item(ids.index(first))
        .text()
        .startswith(f"{stored(workspace, first).kind.capitalize()} · accepted")
    )
    assert view.selected_insight == ids[ids.index(first) + 1]
    assert view.progress.text() != progress and "reviewed" in view.progress.text()
    assert first not in shown(page)  # the review table's "suggested" filter followed
    undo(qtbot, view.insight_list)
    assert stored(workspace, first).status == "suggested" and first in shown(page)
    assert view.progress.text() == progress

    view.insight_list.setCurrentRow(2)
    target = list_ids(view)[2]
    qtbot.keyClick(view.insight_list, Qt.Key.Key_Delete)
    assert target not in list_ids(view) and page.model.row_of(target) is None
    undo(qtbot, view.insight_list)
    assert target in list_ids(view) and page.model.row_of(target) is not None


def test_review_on_a_highlight_in_the_transcript(
    qtbot, open_window: MainWindow, workspace: Workspace
) -> None:
    view = opened(open_window)
    original = next(h for h in view.detail.highlights if h.status == "suggested" and h.kind != "buying")
    target = original.insight_id
    view.select_insight(target)
    view.browser.setFocus()
    qtbot.keyClick(view.browser, Qt.Key.Key_R)
    assert stored(workspace, target).status == "rejected"
    view.select_insight(target)
    qtbot.keyClick(view.browser, Qt.Key.Key_K)
    menu = popup_menu()
    at = view.browser.cursorForPosition(view.browser.viewport().mapFromGlobal(menu.pos() - QPoint(0, 4)))
    turn = next(t for t in view.detail.turns if t.id == original.turn_id)
    assert at.block().text() == turn.text.replace("\n", "\u2028")  # the menu opens at the highlight
    qtbot.keyClick(menu, Qt.Key.Key_B)  # &Buying
    assert stored(workspace, target).kind == "buying"
    assert any(h.insight_id == target and h.kind == "buying" for h in view.detail.highlights)
    undo(qtbot, view.browser)
    undo(qtbot, view.browser)
    row = stored(workspace, target)
    assert (row.status, row.kind) == ("suggested", original.kind)

    view.select_insight(target)
    qtbot.keyClick(view.browser, Qt.Key.Key_E)
    dialog = view.review.edit_dialog
    assert dialog is not None and dialog.isVisible()
    line = dialog.findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Needs renewals forecast weekly")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert (stored(workspace, target).statement, stored(workspace, target).status) == (
        "Needs renewals forecast weekly",
        "edited",
    )


def test_context_menu_on_a_highlight(qtbot, open_window: MainWindow, workspace: Workspace) -> None:
    view = opened(open_window)
    target = view.detail.highlights[0].insight_id
    view.select_insight(target)  # scrolls its highlight into view
    viewport = view.browser.viewport()
    where = next(
        QPoint(x, y)
        for y in range(0, viewport.height(), 3)
        for x in range(0, viewport.width(), 6)
        if view.browser.anchorAt(QPoint(x, y)) == f"insight:{target}"
    )
    view.browser.customContextMenuRequested.emit(where)
    assert view.selected_insight == target
    menu = popup_menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert {"Accept", "Reject", "Edit", "Delete", "Add insight as"} <= set(texts)
    next(a for a in menu.actions() if a.text() == "&Reject").trigger()
    menu.close()
    assert stored(workspace, target).status == "rejected"


def test_a_kind_change_reaches_the_persona_editor_and_matrix_and_undo_restores_them(
    qtbot, synthesised_window: MainWindow
) -> None:
    page = review(synthesised_window)
    persona_id = next(p for r in page.model.rows() if r.kind == "pain" for p in r.persona_ids)
    matrix = synthesised_window.page.matrix.model
    before = matrix.table.to_tsv()
    personas = synthesised_window.page.personas
    personas.open_persona(persona_id)
    profile_before = personas.themes.toPlainText()
    choose(page.persona_filter, persona_id)
    choose(page.kind_filter, "pain")
    page.table.setFocus()
    page.table.selectAll()
    qtbot.keyClick(page.table, Qt.Key.Key_K)
    qtbot.keyClick(popup_menu(), Qt.Key.Key_G)  # &Goal: every pain of this persona becomes a goal
    assert shown(page) == []
    assert matrix.table.to_tsv() != before
    assert personas.themes.toPlainText() != profile_before
    undo(qtbot, page.table)
    assert shown(page) and matrix.table.to_tsv() == before
    assert personas.themes.toPlainText() == profile_before
