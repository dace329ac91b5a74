"""GUI fixtures: per-test settings file, a sample workspace, a main window, and recorded message boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from tests.gui.sample import make_sample_workspace, make_synthesised_workspace


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes never block a test; each (title, text) is recorded instead."""
    shown: list[tuple[str, str]] = []

    def record(_parent, title, text, *_args, **_kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, record)
    return shown


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """The shipped sample transcripts with insights of every kind and status (see ``tests.gui.sample``)."""
    path = tmp_path / "sample.groundwork"
    make_sample_workspace(path).dispose()
    return path


@pytest.fixture
def window(qtbot, settings: QSettings) -> MainWindow:
    """A main window whose background tasks run inline (tests of threading use the real runner)."""
    main_window = MainWindow(settings, TaskRunner(synchronous=True))
    qtbot.addWidget(main_window)
    main_window.show()
    return main_window


@pytest.fixture
def open_window(window: MainWindow, sample_path: Path) -> MainWindow:
    assert window.open_workspace_path(sample_path)
    return window


@pytest.fixture
def workspace(open_window: MainWindow) -> Workspace:
    assert open_window.workspace is not None
    return open_window.workspace


@pytest.fixture
def synthesised_path(tmp_path: Path) -> Path:
    """The packaged samples imported, with companies, rules-only insights, the demo ICP and personas."""
    path = tmp_path / "synthesised.groundwork"
    make_synthesised_workspace(path).dispose()
    return path


@pytest.fixture
def synthesised_window(window: MainWindow, synthesised_path: Path) -> MainWindow:
    assert window.open_workspace_path(synthesised_path)
    return window
