"""Importing transcripts from the File menu and by dropping files and folders onto the window."""

from __future__ import annotations

import shutil
from importlib.resources import as_file
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlmodel import Session, func, select

from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from models.tables import Interview
from synthesis.demo import SAMPLES
from synthesis.importer import Outcome


@pytest.fixture
def threaded_window(qtbot, settings, tmp_path: Path) -> MainWindow:
    """A window with the real background runner and an empty workspace."""
    window = MainWindow(settings, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace_path(tmp_path / "client.groundwork", create=True)
    return window


@pytest.fixture
def transcripts(tmp_path: Path) -> Path:
    """A folder with a copy of the eight shipped sample transcripts."""
    folder = tmp_path / "transcripts"
    with as_file(SAMPLES / "transcripts") as samples:
        shutil.copytree(samples, folder)
    return folder


def interview_count(window: MainWindow) -> int:
    with Session(window.workspace.engine) as session:
        return session.exec(select(func.count()).select_from(Interview)).one()


def test_import_from_the_menu_lists_each_file_and_skips_duplicates(
    qtbot, threaded_window: MainWindow, transcripts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = transcripts.parent / "notes.json"
    notes.write_text('{"interviewee": "Priya Raman"}', encoding="utf-8")
    chosen = [
        str(transcripts / "01-quillfield-software.txt"),
        str(transcripts / "04-orbisana.srt"),
        str(notes),
    ]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: (chosen, ""))
    with qtbot.waitSignal(threaded_window.import_finished, timeout=20000) as blocker:
        threaded_window.menu_actions.import_action.trigger()
    outcomes = [result.outcome for result in blocker.args[0]]
    assert outcomes == [Outcome.IMPORTED, Outcome.IMPORTED, Outcome.FAILED]
    dialog = threaded_window.import_dialog
    assert dialog.isVisible()
    assert [dialog.table.item(row, 1).text() for row in range(3)] == ["Imported", "Imported", "Failed"]
    assert "not a supported transcript type" in dialog.table.item(2, 2).text()
    assert interview_count(threaded_window) == 2
    qtbot.waitUntil(lambda: threaded_window.page.navigation.item(0).text() == "Interviews  (2)")
    qtbot.waitUntil(lambda: threaded_window.page.interviews.list_model.rowCount() == 2)
    assert threaded_window.tasks.progress_bar.isHidden()

    with qtbot.waitSignal(threaded_window.import_finished, timeout=20000) as again:
        threaded_window.menu_actions.import_action.trigger()
    assert [r.outcome for r in again.args[0]][:2] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    assert threaded_window.import_dialog.table.item(0, 1).text() == "Skipped (duplicate)"
    assert interview_count(threaded_window) == 2


def test_activating_an_imported_file_opens_its_interview(
    qtbot, threaded_window: MainWindow, transcripts: Path
) -> None:
    with qtbot.waitSignal(threaded_window.import_finished, timeout=20000):
        threaded_window.import_paths([transcripts / "03-corvane.vtt"])
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
    qtbot, threaded_window: MainWindow, transcripts: Path
) -> None:
    with qtbot.waitSignal(threaded_window.import_finished, timeout=30000) as blocker:
        enter, drop = drag_and_drop(threaded_window, [transcripts])
    assert enter.isAccepted()
    assert drop.isAccepted()
    assert [r.path.name for r in blocker.args[0]] == sorted(p.name for p in transcripts.iterdir())
    assert all(r.outcome == Outcome.IMPORTED for r in blocker.args[0])
    assert interview_count(threaded_window) == 8


def test_dropping_without_an_open_workspace_explains_what_to_do(
    qtbot, window: MainWindow, transcripts: Path
) -> None:
    drag_and_drop(window, [transcripts / "01-quillfield-software.txt"])
    assert "Open or create a workspace" in window.statusBar().currentMessage()
