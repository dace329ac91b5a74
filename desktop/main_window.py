"""The main window: start page or open workspace, menus, toolbar, status bar, drag-and-drop import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolBar,
)

from desktop import settings as prefs
from desktop.about import about_html
from desktop.diagnostics import log_path, sample_folder
from desktop.export_dialog import export_report_interactively
from desktop.import_dialog import ImportResultDialog, import_summary
from desktop.llm_settings import LlmSettings, choose_model, load_model_settings
from desktop.navigation import LABELS, SECTIONS
from desktop.start_page import StartPage
from desktop.synthesis_job import SynthesisOutcome, run_synthesis
from desktop.tasks import DB_LANE, MODEL_LANE, TaskHandle, TaskRunner
from desktop.workspace import Workspace
from desktop.workspace_page import WorkspacePage
from models.database import WORKSPACE_SUFFIX, WorkspaceError
from models.tables import WorkspaceSetting
from synthesis.demo import demo_files, run_demo
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.importer import FileResult, import_paths
from synthesis.ingest import SUPPORTED_SUFFIXES
from synthesis.tasks import Cancel

WORKSPACE_FILTER = f"Groundwork workspaces (*{WORKSPACE_SUFFIX})"
TRANSCRIPT_FILTER = "Transcripts ({})".format(" ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES)))
SYNTHESIS_KEY = "synthesis"
REFRESH_INTERVAL_MS = 1500
"""While synthesis runs, the views reload the stored results at most this often."""


class MainWindow(QMainWindow):
    """Top-level window of Groundwork."""

    workspace_opened = Signal(object)
    import_finished = Signal(list)
    synthesis_finished = Signal(object)
    model_reason_found = Signal(str)
    """Why the model leads extraction or not; emitted from the worker, shown on the GUI thread."""

    def __init__(self, settings: QSettings | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Groundwork")
        self.settings = settings if settings is not None else QSettings()
        self.runner = runner if runner is not None else TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.workspace: Workspace | None = None
        self.page: WorkspacePage | None = None
        self.import_dialog: ImportResultDialog | None = None
        self._task: TaskHandle | None = None
        self.choose_model: Callable[[LlmSettings, Cancel], LlmChoice] = choose_model
        """How a synthesis run picks its extractor (tests substitute a fake backend)."""
        self.model_reason = ""
        self._announce_counts = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self._refresh_timer.timeout.connect(self._refresh_results)
        self.model_reason_found.connect(self._show_model_reason)

        self.start_page = StartPage()
        self.start_page.new_requested.connect(self.new_workspace)
        self.start_page.open_requested.connect(self.open_workspace)
        self.start_page.sample_requested.connect(self.open_sample_workspace)
        self.start_page.recent_chosen.connect(self.open_workspace_path)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.setAcceptDrops(True)
        self._refresh_recent()
        self._update_actions()
        if not self.restoreGeometry(QByteArray(self.settings.value("window/geometry", QByteArray()))):
            self.resize(1280, 800)
        self.restoreState(QByteArray(self.settings.value("window/state", QByteArray())))

    # Construction

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&New Workspace…", self.new_workspace, QKeySequence.StandardKey.New)
        self.open_action = self._action(
            "&Open Workspace…", self.open_workspace, QKeySequence.StandardKey.Open
        )
        self.import_action = self._action("&Import Transcripts…", self.import_files, "Ctrl+I")
        self.import_folder_action = self._action("Import &Folder…", self.import_folder, "Ctrl+Shift+I")
        self.export_action = self._action(
            "&Export Report…", lambda: export_report_interactively(self), "Ctrl+Shift+E"
        )
        self.close_action = self._action(
            "&Close Workspace", self.close_workspace, QKeySequence.StandardKey.Close
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.search_action = self._action(
            "&Search Transcripts", self.focus_search, QKeySequence.StandardKey.Find
        )
        self.section_actions = [
            self._action(f"&{LABELS[section]}", lambda s=section: self.show_section(s), f"Ctrl+{n}")
            for n, section in enumerate(SECTIONS, start=1)
        ]
        self.synthesis_action = self._action("Run &Synthesis", self.run_synthesis, "Ctrl+R")
        self.synthesis_action.setToolTip(
            "Extract insights from every interview with the chosen model, then draft personas"
        )
        self.models_action = self._action("&Models…", lambda: self.show_section("models"), "Ctrl+M")
        self.about_action = self._action("&About Groundwork", self.show_about)
        self.log_action = self._action("Show &Log File", self.show_log)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.import_folder_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addActions([self.close_action, self.quit_action])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions(self.section_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.search_action)
        self.view_menu = view_menu
        tools_menu = bar.addMenu("&Tools")
        tools_menu.addActions([self.synthesis_action, self.models_action])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.log_action, self.about_action])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_action, self.open_action, self.import_action, self.synthesis_action])
        self.addToolBar(toolbar)
        self.view_menu.addAction(toolbar.toggleViewAction())

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_task)
        self.workspace_label = QLabel()
        self.model_label = QLabel()
        self.model_label.setMaximumWidth(420)
        status.addPermanentWidget(self.model_label)
        status.addPermanentWidget(self.progress_bar)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.workspace_label)
        self.progress_bar.hide()
        self.cancel_button.hide()

    def _refresh_recent(self) -> None:
        recent = prefs.recent_workspaces(self.settings)
        self.start_page.set_recent(recent)
        self.recent_menu.clear()
        for path in recent:
            self.recent_menu.addAction(path.name, lambda p=path: self.open_workspace_path(p)).setToolTip(
                str(path)
            )
        self.recent_menu.setEnabled(bool(recent))

    def _update_actions(self) -> None:
        has_workspace = self.workspace is not None
        for action in (
            self.import_action,
            self.import_folder_action,
            self.export_action,
            self.close_action,
            self.search_action,
            self.synthesis_action,
            self.models_action,
            *self.section_actions,
        ):
            action.setEnabled(has_workspace)

    # Workspaces

    def new_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New workspace", str(Path.home()), WORKSPACE_FILTER)
        if path:
            path = path if path.endswith(WORKSPACE_SUFFIX) else path + WORKSPACE_SUFFIX
            self.open_workspace_path(Path(path), create=True)

    def open_workspace(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open workspace", str(Path.home()), WORKSPACE_FILTER)
        if path:
            self.open_workspace_path(Path(path))

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
            workspace = Workspace.create(path) if create else Workspace.open(path)
        except WorkspaceError as exc:
            self.show_error("Cannot open the workspace", str(exc))
            return False
        self.close_workspace()
        workspace.setParent(self)
        self.workspace = workspace
        self.page = WorkspacePage(workspace, self.runner, self.undo_stack, self.settings)
        self.page.models.probe_described.connect(self._show_model_reason)
        if self.model_reason:
            self.page.models.show_reason(self.model_reason)
        self.page.status_message.connect(self.show_message)
        self._announce_counts = True
        self.page.counts_shown.connect(self._counts_shown)
        for splitter in self.page.splitters():
            splitter.restoreState(
                QByteArray(self.settings.value(f"splitters/{splitter.objectName()}", QByteArray()))
            )
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.page.reload()
        self.workspace_label.setText(workspace.path.name)
        self.workspace_label.setToolTip(str(workspace.path))
        prefs.remember_workspace(self.settings, workspace.path)
        self._refresh_recent()
        self._update_actions()
        self.workspace_opened.emit(workspace.path)
        return True

    def close_workspace(self) -> None:
        if self.workspace is None:
            return
        self.runner.shutdown()
        self._save_splitters()
        self.undo_stack.clear()
        self.stack.removeWidget(self.page)
        self.page.deleteLater()
        self.workspace.close()
        self.workspace.deleteLater()
        self.page = None
        self.workspace = None
        self.workspace_label.clear()
        self.statusBar().clearMessage()
        self.stack.setCurrentWidget(self.start_page)
        self._refresh_recent()
        self._update_actions()

    def _counts_shown(self, counts: Any) -> None:
        if not self._announce_counts:
            return  # only on opening: later a task's stage or final word stays in the status bar
        self._announce_counts = False
        self.show_message(f"{counts.interviews} interviews, {counts.insights} insights", 4000)

    # Import

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import transcripts", str(Path.home()), TRANSCRIPT_FILTER
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of transcripts", str(Path.home()))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in the background; the result list opens when it is done."""
        if self.workspace is None:
            self.show_message("Open or create a workspace before importing transcripts.")
            return
        workspace = self.workspace

        def run(progress, cancel) -> list[FileResult]:
            setting = workspace.read(lambda s: s.get(WorkspaceSetting, "interviewers"))
            interviewers = list(setting.value or []) if setting else []
            return import_paths(
                workspace.engine, paths, interviewers=interviewers, progress=progress, cancel=cancel
            )

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
        if self.runner.is_busy(SYNTHESIS_KEY):
            self.show_message("Synthesis is already running.")
            return
        engine = self.workspace.engine
        model_settings = load_model_settings(self.settings)
        choose = self.choose_model

        def run(progress, cancel) -> SynthesisOutcome:
            return run_synthesis(
                engine,
                lambda cancel: choose(model_settings, cancel),
                on_reason=self.model_reason_found.emit,
                progress=progress,
                cancel=cancel,
            )

        self.start_task(SYNTHESIS_KEY, run, "Starting synthesis…", self._synthesis_done, lane=MODEL_LANE)

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
        self._refresh_timer.stop()
        if self.workspace is not None:
            self.workspace.contents_changed.emit()
        self.show_message(outcome.summary())
        self.synthesis_finished.emit(outcome)

    # Long tasks

    def start_task(
        self,
        key: str,
        fn: Callable[..., Any],
        stage: str,
        on_success: Callable[[Any], None],
        *,
        lane: str = DB_LANE,
    ) -> None:
        """Run user-visible work with a progress bar and a Cancel button in the status bar."""
        self._task = self.runner.run(
            key,
            fn,
            on_success=on_success,
            on_failure=self._task_failed,
            on_progress=self._task_progress,
            lane=lane,
        )
        if self._task.done:  # a synchronous runner has already finished it
            self._task = None
            return
        self._task.cancelled.connect(self._task_cancelled)
        self._task.finished.connect(self._task_finished)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.show_message(stage, 0)

    def cancel_task(self) -> None:
        if self._task is not None and not self._task.done:
            self._task.cancel()
            self.show_message("Cancelling…", 0)

    def _task_progress(self, fraction: float, stage: str) -> None:
        self.progress_bar.setValue(round(fraction * 1000))
        self.show_message(stage, 0)
        if self._task is not None and self._task.key == SYNTHESIS_KEY and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _task_cancelled(self) -> None:
        if self._task is not None and self._task.key == SYNTHESIS_KEY:
            self.show_message(
                "Synthesis cancelled: what was stored is kept, and the next run resumes from there."
            )
        else:
            self.show_message("Cancelled.")

    def _task_failed(self, message: str) -> None:
        self.show_error("The task failed", message)

    def _task_finished(self) -> None:
        if self._task is not None and self._task.key == SYNTHESIS_KEY and self._refresh_timer.isActive():
            self._refresh_timer.stop()
            self._refresh_results()
        self._task = None
        self.progress_bar.hide()
        self.cancel_button.hide()

    # Navigation and help

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

    def show_message(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    # Persistence

    def _save_splitters(self) -> None:
        if self.page is not None:
            for splitter in self.page.splitters():
                self.settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.close_workspace()
        self.runner.shutdown()
        self.settings.sync()
        super().closeEvent(event)
