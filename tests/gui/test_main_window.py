"""The main window: start page, workspaces, persistence, navigation, search, errors and About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from sqlmodel import Session, select

from desktop.diagnostics import handle_exception
from desktop.main_window import MainWindow
from desktop.settings import recent_workspaces
from desktop.tasks import TaskRunner
from models.tables import Company, Insight, Interview


def test_main_window_shows_title_menus_and_start_page(window: MainWindow) -> None:
    assert window.windowTitle() == "Groundwork"
    assert [action.text() for action in window.menuBar().actions()] == [
        "&File",
        "&Edit",
        "&View",
        "&Tools",
        "&Help",
    ]
    assert window.stack.currentWidget() is window.start_page
    assert not window.menu_actions.import_action.isEnabled()


def test_new_workspace_is_remembered_and_listed_on_the_start_page(
    window: MainWindow, tmp_path: Path, settings: QSettings
) -> None:
    path = tmp_path / "client.groundwork"
    assert window.open_workspace_path(path, create=True)
    assert window.stack.currentWidget() is window.page
    assert window.menu_actions.import_action.isEnabled()
    assert recent_workspaces(settings) == [path.resolve()]
    window.close_workspace()
    assert window.stack.currentWidget() is window.start_page
    assert window.start_page.recent.item(0).toolTip() == str(path.resolve())
    assert [a.text() for a in window.host.recent_menu.actions()] == ["client.groundwork"]


def test_geometry_and_splitters_persist(qtbot, settings: QSettings, sample_path: Path) -> None:
    first = MainWindow(settings, TaskRunner(synchronous=True))
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 540)
    first.open_workspace_path(sample_path)
    first.page.splitter.setSizes([300, 700])
    sizes = first.page.splitter.sizes()
    first.close()
    second = MainWindow(settings, TaskRunner(synchronous=True))
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (720, 540)
    second.open_workspace_path(sample_path)
    assert second.page.splitter.sizes() == sizes


def test_a_file_that_is_not_a_workspace_is_reported_in_a_dialog(
    window: MainWindow, tmp_path: Path, message_boxes: list
) -> None:
    bogus = tmp_path / "notes.groundwork"
    bogus.write_text("not a database")
    assert not window.open_workspace_path(bogus)
    assert message_boxes and "not a Groundwork workspace" in message_boxes[0][1]
    assert window.workspace is None


def stored(window: MainWindow, table: type) -> int:
    with Session(window.workspace.engine) as session:
        return len(session.exec(select(table)).all())


def test_navigation_shows_counts_and_switches_views(open_window: MainWindow) -> None:
    navigation = open_window.page.navigation
    labels = [navigation.item(row).text() for row in range(navigation.count())]
    interviews, insights = stored(open_window, Interview), stored(open_window, Insight)
    assert interviews == 8 and insights > interviews
    assert labels == [
        f"Interviews  ({interviews})",
        f"Insights  ({insights})",
        f"Companies  ({stored(open_window, Company)})",
        "Personas  (0)",
        "Persona matrix",
        "ICPs  (0)",
        "Models",
    ]
    open_window.menu_actions.section_actions[1].trigger()
    assert open_window.page.stack.currentWidget() is open_window.page.insights
    assert open_window.page.insights.proxy.rowCount() == insights


def test_search_hit_opens_the_interview_at_the_turn(open_window: MainWindow) -> None:
    search = open_window.page.search
    search.box.setText("pipeline review ran over")
    search.search_now()
    assert search.results.count() == 1
    search.results.itemActivated.emit(search.results.item(0))
    view = open_window.page.interviews
    assert open_window.page.stack.currentWidget() is view
    assert view.detail is not None and view.detail.title == "01-quillfield-software"
    assert "pipeline review ran over" in view.browser.toPlainText()


def test_about_lists_versions(open_window: MainWindow, message_boxes: list) -> None:
    open_window.menu_actions.about_action.trigger()
    title, text = message_boxes[-1]
    assert title == "About Groundwork"
    for name in ("Groundwork", "Python", "PySide6", "SQLite", "llama-cpp-python", "Language model"):
        assert name in text


def test_uncaught_errors_are_logged_and_shown_not_dumped(
    window: MainWindow, message_boxes: list, caplog
) -> None:
    try:
        raise RuntimeError("disk full")
    except RuntimeError as exc:
        handle_exception(type(exc), exc, exc.__traceback__)
    assert "Traceback" in caplog.text and "disk full" in caplog.text
    title, text = message_boxes[-1]
    assert title == "Something went wrong" and "disk full" in text and "Traceback" not in text


def test_start_page_opens_the_sample_workspace_building_it_once(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from desktop import main_window
    from synthesis import demo

    builds: list[Path] = []

    def counted_run_demo(folder: Path, **kwargs):
        builds.append(folder)
        return demo.run_demo(folder, **kwargs)

    monkeypatch.setattr(main_window, "sample_folder", lambda: tmp_path / "sample")
    monkeypatch.setattr(main_window, "run_demo", counted_run_demo)
    window.start_page.sample_button.click()
    assert window.workspace is not None and builds == [tmp_path / "sample"]
    labels = [window.page.navigation.item(row).text() for row in range(window.page.navigation.count())]
    assert labels[0] == "Interviews  (8)" and labels[3] != "Personas  (0)"
    window.close_workspace()
    window.start_page.sample_button.click()  # built already: opened as it is
    assert window.workspace is not None and len(builds) == 1
