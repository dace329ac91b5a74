"""Importing transcripts from the File menu and by dropping files and folders onto the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlmodel import Session, func, select

from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from models.tables import Interview
from synthesis.importer import Outcome


@pytest.fixture
def threaded_window(qtbot, settings, tmp_path: Path) -> MainWindow:
    """A window with the real background runner and an empty workspace."""
    window = MainWindow(settings, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace_path(tmp_path / "client.groundwork", create=True)
    return window


def interview_count(window: MainWindow) -> int:
    with Session(window.workspace.engine) as session:
        return session.exec(select(func.count()).select_from(Interview)).one()


def test_import_from_the_menu_lists_each_file_and_skips_duplicates(
    qtbot, threaded_window: MainWindow, eval_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = eval_dir / "written"
    chosen = [
        str(written / "cs_manager.txt"),
        str(written / "it_director.srt"),
        str(written / "cs_manager.meta.json"),
    ]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: (chosen, ""))
    with qtbot.waitSignal(threaded_window.import_finished, timeout=20000) as blocker:
        threaded_window.import_action.trigger()
    outcomes = [result.outcome for result in blocker.args[0]]
    assert outcomes == [Outcome.IMPORTED, Outcome.IMPORTED, Outcome.FAILED]
    dialog = threaded_window.import_dialog
    assert dialog.isVisible()
    assert [dialog.table.item(row, 1).text() for row in range(3)] == ["Imported", "Imported", "Failed"]
    assert "not a supported transcript type" in dialog.table.item(2, 2).text()
    assert interview_count(threaded_window) == 2
    qtbot.waitUntil(lambda: threaded_window.page.navigation.item(0).text() == "Interviews  (2)")
    qtbot.waitUntil(lambda: threaded_window.page.interviews.list_model.rowCount() == 2)
    assert threaded_window.progress_bar.isHidden()

    with qtbot.waitSignal(threaded_window.import_finished, timeout=20000) as again:
        threaded_window.import_action.trigger()
    assert [r.outcome for r in again.args[0]][:2] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    assert threaded_window.import_dialog.table.item(0, 1).text() == "Skipped (duplicate)"
    assert interview_count(threaded_window) == 2


def test_activating_an_imported_file_opens_its_interview(
    qtbot, threaded_window: MainWindow, eval_dir: Path
) -> None:
    with qtbot.waitSignal(threaded_window.import_finished, timeout=20000):
        threaded_window.import_paths([eval_dir / "written" / "revops_lead.vtt"])
    dialog = threaded_window.import_dialog
    dialog.table.itemActivated.emit(dialog.table.item(0, 0))
    view = threaded_window.page.interviews
    qtbot.waitUntil(lambda: view.detail is not None)
    assert set(view.meta_panel.role_boxes)  # speaker roles are shown and editable


def drag_and_drop(window: MainWindow, paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent]:
    """Send a drag-enter and then a drop of ``paths`` (as file URLs) to the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    copy, button, modifiers = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(100, 100), copy, mime, button, modifiers)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(100, 100), copy, mime, button, modifiers)
    QApplication.sendEvent(window, drop)
    return enter, drop


def test_dropping_a_folder_imports_its_transcripts(
    qtbot, threaded_window: MainWindow, eval_dir: Path
) -> None:
    with qtbot.waitSignal(threaded_window.import_finished, timeout=30000) as blocker:
        enter, drop = drag_and_drop(threaded_window, [eval_dir / "written"])
    assert enter.isAccepted()
    assert drop.isAccepted()
    assert [r.path.name for r in blocker.args[0]] == [
        "cs_manager.txt",
        "finance_controller.txt",
        "head_of_growth.md",
        "it_director.srt",
        "revops_lead.vtt",
    ]
    assert all(r.outcome == Outcome.IMPORTED for r in blocker.args[0])
    assert interview_count(threaded_window) == 5


def test_dropping_without_an_open_workspace_explains_what_to_do(
    qtbot, window: MainWindow, eval_dir: Path
) -> None:
    drag_and_drop(window, [eval_dir / "written" / "cs_manager.txt"])
    assert "Open or create a workspace" in window.statusBar().currentMessage()
