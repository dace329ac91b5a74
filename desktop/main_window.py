"""The main window: start page or open workspace, status bar, drag-and-drop import; pieces live beside it.

``WindowActions`` holds the menus and toolbar, ``WorkspaceHost`` opens and closes workspaces, ``TaskStatus``
shows the running task, and ``SynthesisJob`` adapts the synthesis pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget

from desktop.about import about_html
from desktop.diagnostics import log_path, sample_folder
from desktop.import_dialog import ImportResultDialog, import_summary
from desktop.start_page import StartPage
from desktop.synthesis_job import SynthesisJob
from desktop.task_status import MESSAGE_MS, OnSuccess, TaskStatus
from desktop.tasks import MODEL_LANE, TaskFn, TaskRunner
from desktop.window_actions import WindowActions
from desktop.workspace import Workspace
from desktop.workspace_host import (
    WorkspaceHost,
    ask_folder,
    ask_new_workspace,
    ask_transcripts,
    ask_workspace,
)
from desktop.workspace_page import WorkspacePage
from synthesis.demo import demo_files, run_demo
from synthesis.importer import FileResult, import_paths
from synthesis.pipeline import SynthesisOutcome
from synthesis.workspace.files import WORKSPACE_SUFFIX, WorkspaceError
from synthesis.workspace.settings import interviewers


class MainWindow(QMainWindow):
    """Top-level window of Groundwork."""

    workspace_opened = Signal(object)
    import_finished = Signal(list)
    synthesis_finished = Signal(object)

    def __init__(self, settings: QSettings | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Groundwork")
        self.settings = settings if settings is not None else QSettings()
        self.runner = runner if runner is not None else TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.import_dialog: ImportResultDialog | None = None
        self.model_reason = ""
        self._announce_counts = False

        self.start_page = StartPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)
        self.host = WorkspaceHost(
            self.stack, self.start_page, self.runner, self.undo_stack, self.settings, self
        )
        self._connect_start_page()
        self._build_status_bar()
        self.synthesis = SynthesisJob(self.runner, self.tasks, self.settings, self)
        self.synthesis.reason_found.connect(self._show_model_reason)
        self.synthesis.refresh_due.connect(self._refresh_results)
        self.synthesis.finished.connect(self._synthesis_done)
        self.menu_actions = WindowActions(self)
        self.host.recent_menu = self.menu_actions.build_menus()
        self.setAcceptDrops(True)
        self.host.refresh_recent()
        self.menu_actions.set_workspace_open(False)
        if not self.restoreGeometry(QByteArray(self.settings.value("window/geometry", QByteArray()))):
            self.resize(1280, 800)
        self.restoreState(QByteArray(self.settings.value("window/state", QByteArray())))

    def _connect_start_page(self) -> None:
        self.start_page.new_requested.connect(self.new_workspace)
        self.start_page.open_requested.connect(self.open_workspace)
        self.start_page.sample_requested.connect(self.open_sample_workspace)
        self.host.recent_chosen.connect(self.open_workspace_path)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.model_label = QLabel()
        self.model_label.setMaximumWidth(420)
        status.addPermanentWidget(self.model_label)
        self.tasks = TaskStatus(self.runner, status, self)
        self.workspace_label = QLabel()
        status.addPermanentWidget(self.workspace_label)

    @property
    def workspace(self) -> Workspace | None:
        return self.host.workspace

    @property
    def page(self) -> WorkspacePage | None:
        return self.host.page

    # Workspaces

    def new_workspace(self) -> None:
        path = ask_new_workspace(self)
        if path is not None:
            self.open_workspace_path(path, create=True)

    def open_workspace(self) -> None:
        path = ask_workspace(self)
        if path is not None:
            self.open_workspace_path(path)

    def open_sample_workspace(self) -> None:
        """Open the sample workspace in the data folder, building it in the background the first time."""
        folder = sample_folder()
        workspace = demo_files(folder)[0]
        if workspace.is_file():
            self.open_workspace_path(workspace)
            return
        folder.mkdir(parents=True, exist_ok=True)

        def build(progress, cancel) -> Path:
            return run_demo(folder, progress=progress, cancel=cancel).workspace

        self.start_task(
            "sample", build, "Building the sample workspace", self.open_workspace_path, lane=MODEL_LANE
        )

    def open_workspace_path(self, path: Path, *, create: bool = False) -> bool:
        """Open (or create) a workspace file and show it; errors go to a dialog."""
        try:
            workspace = self.host.open(Path(path), create=create)
        except WorkspaceError as exc:
            self.show_error("Cannot open the workspace", str(exc))
            return False
        self.statusBar().clearMessage()
        page = self.host.page
        assert page is not None
        page.models.probe_described.connect(self._show_model_reason)
        if self.model_reason:
            page.models.show_reason(self.model_reason)
        page.status_message.connect(self.show_message)
        self._announce_counts = True
        page.counts_shown.connect(self._counts_shown)
        page.reload()
        self.workspace_label.setText(workspace.path.name)
        self.workspace_label.setToolTip(str(workspace.path))
        self.menu_actions.set_workspace_open(True)
        self.workspace_opened.emit(workspace.path)
        return True

    def close_workspace(self) -> None:
        if not self.host.close():
            return
        self.workspace_label.clear()
        self.statusBar().clearMessage()
        self.menu_actions.set_workspace_open(False)

    def _counts_shown(self, counts: Any) -> None:
        if not self._announce_counts:
            return  # only on opening: later a task's stage or final word stays in the status bar
        self._announce_counts = False
        self.show_message(f"{counts.interviews} interviews, {counts.insights} insights", 4000)

    # Import

    def import_files(self) -> None:
        paths = ask_transcripts(self)
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        paths = ask_folder(self)
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in the background; the result list opens when it is done."""
        if self.workspace is None:
            self.show_message("Open or create a workspace before importing transcripts.")
            return
        workspace = self.workspace

        def run(progress, cancel) -> list[FileResult]:
            names = workspace.read(interviewers)
            return import_paths(workspace.engine, paths, interviewers=names, progress=progress, cancel=cancel)

        self.start_task("import", run, "Importing transcripts…", self._import_done)

    def _import_done(self, results: list[FileResult]) -> None:
        if self.workspace is None:
            return
        self.workspace.contents_changed.emit()
        self.show_message(import_summary(results))
        self.import_dialog = ImportResultDialog(results, self)
        if self.page is not None:
            self.import_dialog.open_interview.connect(self.page.open_interview)
        self.import_dialog.open()
        self.import_finished.emit(results)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        if len(paths) == 1 and paths[0].suffix == WORKSPACE_SUFFIX:
            self.open_workspace_path(paths[0])
        else:
            self.import_paths(paths)

    # Synthesis

    def run_synthesis(self) -> None:
        """Extract insights and draft personas in the background, with the model chosen in Models."""
        if self.workspace is None:
            self.show_message("Open a workspace before running synthesis.")
            return
        if self.synthesis.is_running():
            self.show_message("Synthesis is already running.")
            return
        self.synthesis.start(self.workspace.engine)

    @Slot(str)
    def _show_model_reason(self, reason: str) -> None:
        self.model_reason = reason
        self.model_label.setText(
            self.model_label.fontMetrics().elidedText(reason, Qt.TextElideMode.ElideRight, 400)
        )
        self.model_label.setToolTip(reason)
        if self.page is not None:
            self.page.models.show_reason(reason)

    def _refresh_results(self) -> None:
        if self.page is not None:
            self.page.refresh_results()

    def _synthesis_done(self, outcome: SynthesisOutcome) -> None:
        if self.workspace is not None:
            self.workspace.contents_changed.emit()
        self.show_message(outcome.summary())
        self.synthesis_finished.emit(outcome)

    # Tasks, navigation and help

    def start_task(self, key: str, fn: TaskFn, stage: str, on_success: OnSuccess, **lane: str) -> None:
        """Run user-visible work with a progress bar and a Cancel button in the status bar (``lane=``)."""
        self.tasks.start(key, fn, stage, on_success, **lane)

    def show_section(self, section: str) -> None:
        if self.page is not None:
            self.page.show_section(section)

    def focus_search(self) -> None:
        if self.page is not None:
            self.page.search.box.setFocus()
            self.page.search.box.selectAll()

    def show_about(self) -> None:
        QMessageBox.about(self, "About Groundwork", about_html())

    def show_log(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path().parent)))

    def show_message(self, text: str, timeout_ms: int = MESSAGE_MS) -> None:
        self.tasks.show_message(text, timeout_ms)

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.close_workspace()
        self.runner.shutdown()
        self.settings.sync()
        super().closeEvent(event)
