"""Insight review: the item models, filters, accept/reject/edit and undo/redo written to the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import Session, select

from desktop.insight_table_model import STATEMENT, InsightFilterProxy, InsightTableModel
from desktop.main_window import MainWindow
from desktop.record_table_model import RecordTableModel
from desktop.workspace import Workspace
from models.tables import Insight
from synthesis.workspace import insights, interviews


def db_statuses(workspace: Workspace, ids: list[int]) -> list[str]:
    with Session(workspace.engine) as session:
        rows = {i.id: str(i.status) for i in session.exec(select(Insight).where(Insight.id.in_(ids)))}
    return [rows[i] for i in ids]


def test_insight_models_pass_the_model_tester(qtmodeltester, workspace: Workspace) -> None:
    rows = workspace.read(insights.insight_rows)
    model = InsightTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = InsightFilterProxy()
    proxy.setSourceModel(model)
    word = max(next(r for r in rows if r.kind == "role").quote.split(), key=len)
    proxy.set_filters(kind="role", text=word)
    qtmodeltester.check(proxy)
    shown = [proxy.index(n, 0).data(Qt.ItemDataRole.UserRole) for n in range(proxy.rowCount())]
    assert 0 < len(shown) < model.rowCount()
    assert all(r.kind == "role" and word.casefold() in f"{r.statement} {r.quote}".casefold() for r in shown)


def test_record_model_passes_the_model_tester(qtmodeltester, workspace: Workspace) -> None:
    summaries = workspace.read(interviews.interview_summaries)
    model = RecordTableModel(("Interview", "Interviewee"))
    model.set_records([(s.title, s.interviewee) for s in summaries], [s.id for s in summaries])
    qtmodeltester.check(model)
    assert model.row_of(summaries[2].id) == 2 and model.id_at(2) == summaries[2].id


def review(window: MainWindow):
    window.page.show_section("insights")
    return window.page.insights


def test_filters_narrow_the_table(open_window: MainWindow) -> None:
    page = review(open_window)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("company"))
    page.status_filter.setCurrentIndex(page.status_filter.findData("suggested"))
    rows = [page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(page.proxy.rowCount())]
    assert rows and all(r.kind == "company" and r.status == "suggested" for r in rows)
    page.text_filter.setText("zzz-no-such-text")
    assert page.proxy.rowCount() == 0
    assert not page.accept_action.isEnabled()


def test_sorting_by_confidence(open_window: MainWindow) -> None:
    page = review(open_window)
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    values = [
        page.proxy.index(r, 5).data(Qt.ItemDataRole.UserRole).confidence for r in range(page.proxy.rowCount())
    ]
    assert values == sorted(values, reverse=True)


def test_bulk_accept_and_reject_with_undo_and_redo(
    qtbot, open_window: MainWindow, workspace: Workspace
) -> None:
    page = review(open_window)
    page.status_filter.setCurrentIndex(page.status_filter.findData("suggested"))
    suggested = page.proxy.rowCount()
    ids = [page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).id for r in range(3)]
    page.select_ids(ids)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert db_statuses(workspace, ids) == ["accepted"] * 3
    assert page.proxy.rowCount() == suggested - 3  # accepted rows leave the "suggested" filter
    open_window.menu_actions.undo_action.trigger()
    assert db_statuses(workspace, ids) == ["suggested"] * 3
    assert page.proxy.rowCount() == suggested
    open_window.menu_actions.redo_action.trigger()
    assert db_statuses(workspace, ids) == ["accepted"] * 3

    page.status_filter.setCurrentIndex(0)
    page.select_ids(ids[:1])
    page.reject_action.trigger()
    assert db_statuses(workspace, ids) == ["rejected", "accepted", "accepted"]
    assert open_window.menu_actions.undo_action.text() == "&Undo Reject insight"
    open_window.menu_actions.undo_action.trigger()
    open_window.menu_actions.undo_action.trigger()
    assert db_statuses(workspace, ids) == ["suggested"] * 3


def test_editing_a_statement_is_undoable(open_window: MainWindow, workspace: Workspace) -> None:
    page = review(open_window)
    index = page.proxy.index(0, STATEMENT)
    row = index.data(Qt.ItemDataRole.UserRole)
    assert page.proxy.setData(index, "Runs the mid-market CS team of eight", Qt.ItemDataRole.EditRole)
    with Session(workspace.engine) as session:
        stored = session.get(Insight, row.id)
        assert (stored.statement, str(stored.status), stored.original_statement) == (
            "Runs the mid-market CS team of eight",
            "edited",
            row.statement,
        )
    assert page.proxy.index(0, STATEMENT).data() == "Runs the mid-market CS team of eight"
    open_window.undo_stack.undo()
    assert workspace.read(lambda s: insights.insight_state(s, row.id)) == (row.statement, row.status)
    assert page.proxy.index(0, STATEMENT).data() == row.statement


def test_evidence_pane_shows_the_quote_inside_its_turn(open_window: MainWindow) -> None:
    page = review(open_window)
    page.table.setCurrentIndex(page.proxy.index(1, STATEMENT))
    row = page.proxy.index(1, 0).data(Qt.ItemDataRole.UserRole)
    text = page.evidence.toPlainText()
    assert row.quote in text
    assert len(text) > len(row.quote) + len(row.statement)  # the surrounding turn is shown too
    assert "Open in transcript" in text
