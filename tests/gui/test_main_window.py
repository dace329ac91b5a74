"""The main window opens headless with its menus."""

from desktop.main_window import MainWindow


def test_main_window_shows_title_and_file_menu(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Groundwork"
    assert [action.text() for action in window.menuBar().actions()] == ["&File"]
