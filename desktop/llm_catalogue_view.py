"""Get a better model: the catalogue with how each model fits this computer, download, probe, use.

The download runs on its own lane (a long download never holds up the views or the model); the probe then
runs on the model lane. A model that passes its probe becomes the model for synthesis (``model_ready``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.catalogue_table_model import CatalogueTableModel
from desktop.tasks import DB_LANE, MODEL_LANE, TaskRunner
from synthesis.extraction.llm_choice import describe_probe
from synthesis.llm.catalogue import Catalogue, CatalogueEntry, load_catalogue
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.download import DownloadResult, describe_bytes, download_file
from synthesis.llm.fit import ContextChoice, fit_entry, fit_model
from synthesis.llm.hardware import Hardware, detect_hardware
from synthesis.llm.install import expected_sha256, licence_text, pin_after_probe, probe_and_remember
from synthesis.llm.model_store import ModelStore
from synthesis.llm.probe import ProbeResult
from synthesis.llm.speed import SpeedResult, measure_speed
from synthesis.tasks import Cancel, Progress

DOWNLOAD_LANE = "download"
Detect = Callable[[Path], Hardware]
Download = Callable[[CatalogueEntry, Path, str | None, Progress, Cancel], DownloadResult]
"""(entry, target file, expected sha256, progress, cancel) -> the verified file."""
ProbeFile = Callable[[Path, Cancel], ProbeResult]
Measure = Callable[[Path, Cancel], SpeedResult]
ConfirmLicence = Callable[[QWidget, CatalogueEntry], bool]


def ask_licence(parent: QWidget, entry: CatalogueEntry) -> bool:
    """Show the licence and ask the user to accept it."""
    answer = QMessageBox.question(
        parent,
        f"Licence of {entry.display_name}",
        licence_text(entry) + "\n\nDo you accept this licence?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _download_with(catalogue: Catalogue) -> Download:
    def download(entry, target, sha256, progress, cancel) -> DownloadResult:
        return download_file(
            entry.url, target, sha256=sha256, redirect_allowed=catalogue.redirect_allowed,
            progress=progress, cancel=cancel,
        )  # fmt: skip

    return download


class LlmCatalogueView(QWidget):
    """The catalogue table, hardware fit, download with progress and cancel, the models folder."""

    model_ready = Signal(str, int)
    """A downloaded model passed its probe: (its path, the context size chosen for it)."""
    folder_changed = Signal()
    status_message = Signal(str)
    hardware_ready = Signal(object)
    """This computer was measured (a Hardware), on a worker lane."""
    speed_measured = Signal(str, float)
    """A model file's speed was measured: (its path, tokens/s); the store remembers it too."""

    def __init__(
        self,
        runner: TaskRunner,
        *,
        store: ModelStore | None = None,
        catalogue: Catalogue | None = None,
        detect: Detect = detect_hardware,
        download: Download | None = None,
        probe: ProbeFile = probe_and_remember,
        measure: Measure = lambda path, cancel: measure_speed(path, cancel=cancel),
        confirm_licence: ConfirmLicence = ask_licence,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._store = runner, store or ModelStore()
        self._catalogue = catalogue or load_catalogue()
        self._detect, self._probe, self._measure = detect, probe, measure
        self._download = download or _download_with(self._catalogue)
        self._confirm_licence = confirm_licence
        self._hardware: Hardware | None = None
        self._cancel_event = threading.Event()
        self._measure_path: Path | None = None
        self._checked = False
        self._build()

    def _build(self) -> None:
        self.hardware_label = QLabel("Checking this computer…")
        self.hardware_label.setWordWrap(True)
        self.table_model = CatalogueTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Models you can download")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.detail_label = QLabel("Choose a model to see how it fits this computer.")
        self.detail_label.setWordWrap(True)
        self.disk_label = QLabel("")
        self.disk_label.setWordWrap(True)
        self.download_button = QPushButton("&Download…")
        self.download_button.clicked.connect(self.download)
        self.cancel_button = QPushButton("Cancel download")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.measure_button = QPushButton("&Measure speed")
        self.measure_button.clicked.connect(self.measure)
        self.measure_button.setEnabled(False)
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton("Models &folder…")
        self.folder_button.clicked.connect(self.choose_folder)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.hide()
        self.progress_label = QLabel("")
        self.message_label = QLabel("")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for button in (self.download_button, self.cancel_button, self.measure_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_label)
        buttons.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Get a better model</b> (downloads only when you click Download)"))
        layout.addWidget(self.hardware_label)
        layout.addWidget(self.table)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.disk_label)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.message_label)
        self._show_folder()

    # Hardware and fit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._checked:
            self.refresh()

    def refresh(self) -> None:
        """Measure this computer in the background, then show each model's fit."""
        self._checked = True
        detect, folder = self._detect, self._store.models_dir()
        self._runner.run(
            "llm.hardware",
            lambda progress, cancel: detect(folder),
            on_success=self._show_hardware,
            on_failure=lambda message: self.hardware_label.setText(
                f"Could not check this computer: {message}"
            ),
            lane=DB_LANE,
        )

    def _show_hardware(self, hardware: Hardware) -> None:
        self._hardware = hardware
        self.hardware_ready.emit(hardware)
        gpu = "GPU offload available" if hardware.gpu_offload else "no GPU offload (CPU-only llama.cpp)"
        self.hardware_label.setText(
            f"This computer: {describe_bytes(hardware.total_ram)} memory "
            f"({describe_bytes(hardware.available_ram)} free), {hardware.cpu_threads} CPU cores, {gpu}, "
            f"{describe_bytes(hardware.free_disk)} free disk."
        )
        rows = []
        for entry in self._catalogue.entries:
            downloaded = self._target(entry).is_file()
            rows.append((entry, fit_entry(entry, hardware, downloaded=downloaded), downloaded))
        current = self.table.currentIndex().row()
        self.table_model.set_rows(rows)
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + len(rows) * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        self.table.setFixedHeight(height)
        if current >= 0:
            self.table.selectRow(current)

    def _target(self, entry: CatalogueEntry) -> Path:
        return self._store.models_dir() / entry.file_name

    def selected_entry(self) -> CatalogueEntry | None:
        row = self.table.currentIndex().row()
        return self.table_model.row_at(row)[0] if row >= 0 else None

    def _show_selected(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        entry, fit, downloaded = self.table_model.row_at(row)
        text = f"<b>{escape(entry.display_name)}</b>: {escape(fit.describe()) if fit else ''}<br>"
        text += f"Licence: {escape(entry.licence)}. Chat template: {escape(entry.chat_template)}"
        text += f"<br>Expected capability probe: {entry.expected_probe} (checked after download)."
        self.detail_label.setText(text)
        self._measure_path = self._target(entry) if downloaded else None
        self.measure_button.setEnabled(downloaded)
        self.download_button.setText("&Download again…" if downloaded else "&Download…")

    def show_model(self, model: DiscoveredLlm | None) -> ContextChoice | None:
        """Show how a model file found on disk fits this computer (it becomes the one Measure speed times);
        returns the context size to use with it, None when unknown."""
        if model is None or self._hardware is None:
            self.disk_label.setText("")
            return None
        fit = fit_model(model, self._hardware)
        verdict = (
            f"{fit.describe()} Context: {fit.context.reason}."
            if fit
            else f"Its header could not be read: {model.error}"
        )
        self.disk_label.setText(f"<b>{escape(model.display_name)}</b> (on this computer): {escape(verdict)}")
        self._measure_path = model.path if fit else None
        self.measure_button.setEnabled(fit is not None)
        return fit.context if fit else None

    # Download

    def download(self) -> None:
        """Download the selected model after its licence is accepted, then probe it."""
        entry = self.selected_entry()
        if entry is None:
            self.message_label.setText("Choose a model in the list first.")
            return
        if not self._store.licence_accepted(entry.licence):
            if not self._confirm_licence(self, entry):
                self.message_label.setText(f"The {entry.licence} was not accepted; nothing was downloaded.")
                return
            self._store.accept_licence(entry.licence)
        self._cancel_event.clear()
        self._busy(True)
        self.message_label.setText(f"Downloading {entry.display_name} to {self._store.models_dir()}…")
        download, target = self._download, self._target(entry)
        sha256, stop = expected_sha256(entry, self._store), self._cancel_event
        self._runner.run(
            "llm.download",
            lambda progress, cancel: download(
                entry, target, sha256, progress, lambda: stop.is_set() or cancel()
            ),
            on_success=lambda result: self._downloaded(entry, result),
            on_failure=self._download_failed,
            on_progress=self._progressed,
            lane=DOWNLOAD_LANE,
        )

    def cancel(self) -> None:
        """Stop the download; the partial file is kept and the next download resumes it."""
        self._cancel_event.set()

    def _busy(self, busy: bool) -> None:
        self.download_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.folder_button.setEnabled(not busy)
        self.progress_bar.setVisible(busy)
        if busy:
            self.progress_bar.setValue(0)
            self.progress_label.setText("Starting…")

    def _progressed(self, fraction: float, stage: str) -> None:
        self.progress_bar.setValue(round(fraction * 1000))
        self.progress_label.setText(stage)

    def _download_failed(self, message: str) -> None:
        self._busy(False)
        self.progress_label.setText("")
        self.message_label.setText(message if self._cancel_event.is_set() else f"Download failed: {message}")
        self.refresh()

    def _downloaded(self, entry: CatalogueEntry, result: DownloadResult) -> None:
        self._busy(False)
        checked = "sha256 verified" if expected_sha256(entry, self._store) else "sha256 computed"
        self.progress_label.setText(f"Downloaded {describe_bytes(result.size_bytes)}, {checked}.")
        self.message_label.setText(f"Running the capability probe on {entry.display_name}…")
        self.refresh()
        probe = self._probe
        self._runner.run(
            "llm.probe_download",
            lambda progress, cancel: probe(result.path, cancel),
            on_success=lambda outcome: self._probed(entry, result, outcome),
            on_failure=lambda message: self.message_label.setText(f"The probe could not run: {message}"),
            lane=MODEL_LANE,
        )

    def _probed(self, entry: CatalogueEntry, result: DownloadResult, outcome: ProbeResult) -> None:
        pinned = pin_after_probe(entry, self._store, result.sha256, outcome)
        text = f"{entry.display_name}: {describe_probe(outcome)}."
        if pinned:
            text += " Its sha256 is now pinned."
        if outcome.passed:
            fit = fit_entry(entry, self._hardware, downloaded=True) if self._hardware else None
            n_ctx = fit.context.n_ctx if fit else entry.recommended_context
            text += f" It is now the model for synthesis, with a context of {n_ctx:,} tokens."
            self.model_ready.emit(str(result.path), n_ctx)
        else:
            text += " It stays on disk; extraction uses rules only with it."
        self.message_label.setText(text)
        self.status_message.emit(text)

    # Speed and folder

    def measure(self) -> None:
        """Time a short generation of the selected downloaded model (or the model file chosen on disk)."""
        if self._measure_path is not None:
            self.measure_file(self._measure_path)

    def measure_file(self, path: Path) -> None:
        """Time a short generation of the model file at ``path`` on the model lane; the store keeps it."""
        measure = self._measure
        self.measure_button.setEnabled(False)
        self.message_label.setText(f"Measuring the speed of {path.name}…")
        self._runner.run(
            "llm.measure",
            lambda progress, cancel: measure(path, cancel),
            on_success=lambda speed: self._measured(path, speed),
            on_failure=lambda message: self._measured(path, None, message),
            lane=MODEL_LANE,
        )

    def _measured(self, path: Path, speed: SpeedResult | None, error: str = "") -> None:
        self.measure_button.setEnabled(True)
        if speed is None:
            self.message_label.setText(f"Could not measure {path.name}: {error}")
        else:
            self.message_label.setText(f"{path.name}: {speed.describe()} on this computer.")
            if path.is_file():
                self._store.remember_speed(path, path.stat().st_size, speed.tokens_per_second)
            self.speed_measured.emit(str(path), speed.tokens_per_second)

    def remembered_speeds(self, models: Sequence[DiscoveredLlm]) -> dict[str, float]:
        """Path -> tokens/s measured earlier, for the models whose file has not changed since."""
        return self._store.remembered_speeds((m.path, m.size_bytes) for m in models)

    def _show_folder(self) -> None:
        self.folder_label.setText(f"Downloads go to {self._store.models_dir()}")

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Folder for downloaded models", str(self._store.models_dir())
        )
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        """Download to ``folder`` from now on; it is also searched for models."""
        self._store.set_models_dir(folder)
        self._show_folder()
        self.refresh()
        self.folder_changed.emit()
