"""Search: the hit list marks the searched words; choosing a hit shows the whole turn, words marked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.main_window import MainWindow
from desktop.search_highlight import HTML_ROLE, MATCH_COLOUR


def test_a_search_hit_marks_the_term_and_brings_its_whole_turn_into_view(
    qtbot, open_window: MainWindow
) -> None:
    window = open_window
    window.resize(1000, 420)  # a short transcript pane, so the jump has to scroll
    search = window.page.search
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(search.box, "forecast")
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    assert search.results.count() > 3
    hit = search.results.item(search.results.count() - 1)
    assert f"background-color:{MATCH_COLOUR}" in hit.data(HTML_ROLE)
    assert ">forecast" in hit.data(HTML_ROLE).lower()
    search.results.setCurrentItem(hit)
    qtbot.keyClick(search.results, Qt.Key.Key_Return)

    view = window.page.interviews
    interview_id, turn_id = hit.data(Qt.ItemDataRole.UserRole)
    assert view.detail is not None and view.detail.id == interview_id
    marked = [s.cursor.selectedText().lower() for s in view.browser.extraSelections()]
    assert marked and all(word.startswith("forecast") for word in marked)
    index = next(n for n, turn in enumerate(view.detail.turns) if turn.id == turn_id)
    document = view.browser.document()
    layout = document.documentLayout()
    top = layout.blockBoundingRect(document.findBlockByNumber(2 * index)).top()
    bottom = layout.blockBoundingRect(document.findBlockByNumber(2 * index + 1)).bottom()
    bar = view.browser.verticalScrollBar()
    shown = (bar.value(), bar.value() + view.browser.viewport().height())
    assert shown[0] <= top and (bottom <= shown[1] or top == shown[0])  # whole turn, or its start at the top
