"""Models: the GGUF files found on this computer, or a server; context size, threads; the capability probe."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.discovered_llm_panel import DiscoveredLlmPanel
from desktop.llm_catalogue_view import LlmCatalogueView
from desktop.llm_settings import (
    LlmSettings,
    cached_probe,
    load_model_settings,
    probe_model,
    save_model_settings,
)
from desktop.tasks import DB_LANE, MODEL_LANE, TaskRunner
from synthesis.extraction.llm_choice import LlmUse, describe_probe
from synthesis.llm.discovery import DiscoveredLlm, discover_llms
from synthesis.llm.fit import AUTO_GPU_LAYERS
from synthesis.llm.probe import ProbeResult
from synthesis.tasks import Cancel

USE_LABELS = {
    LlmUse.AUTO: "Let the model lead where its capability probe passed",
    LlmUse.FORCE: "Always let the model lead (skip the probe's verdict)",
    LlmUse.OFF: "Rules only (no model)",
}

Discover = Callable[[], list[DiscoveredLlm]]
Probe = Callable[[LlmSettings, Cancel], ProbeResult]
CachedProbe = Callable[[LlmSettings], ProbeResult | None]


class LlmView(QWidget):
    """Choose the language model for synthesis; every change is saved in QSettings at once."""

    status_message = Signal(str)
    probe_described = Signal(str)
    """The last probe's verdict as one sentence (also shown in the status bar)."""

    def __init__(
        self,
        settings: QSettings,
        runner: TaskRunner,
        *,
        discover: Discover = discover_llms,
        probe: Probe = probe_model,
        cached: CachedProbe = cached_probe,
        catalogue_view: LlmCatalogueView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._runner = runner
        self._discover = discover
        self._probe = probe
        self._cached = cached
        self._scanned = False
        self._run_probe: tuple[LlmSettings, ProbeResult] | None = None
        """The probe result the last synthesis run used, with the settings it ran under."""

        self._build_table()
        self._build_choice_fields()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.models_panel, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self._build_choice_box(), 3)
        bottom.addWidget(self._build_probe_box(), 2)
        layout.addLayout(bottom)
        layout.addWidget(self._build_catalogue(catalogue_view, runner))
        layout.addStretch(1)
        self._wrap_in_scroll_area(content)
        self._show_settings(load_model_settings(settings))
        self._connect_saves()

    def _build_catalogue(
        self, catalogue_view: LlmCatalogueView | None, runner: TaskRunner
    ) -> LlmCatalogueView:
        self.catalogue_view = catalogue_view or LlmCatalogueView(runner)
        self.catalogue_view.model_ready.connect(self._use_downloaded)
        self.catalogue_view.folder_changed.connect(self.rescan)
        self.catalogue_view.status_message.connect(self.status_message)
        self.catalogue_view.hardware_ready.connect(self.models_panel.set_hardware)
        self.catalogue_view.speed_measured.connect(self.models_panel.set_speed)
        self.models_panel.measure_requested.connect(self.catalogue_view.measure_file)
        return self.catalogue_view

    def _wrap_in_scroll_area(self, content: QWidget) -> None:
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _build_table(self) -> None:
        self.models_panel = DiscoveredLlmPanel()
        self.models_panel.rescan_requested.connect(self.rescan)
        self.models_panel.model_chosen.connect(self._row_chosen)
        self.table, self.table_model = self.models_panel.table, self.models_panel.table_model
        self.scan_label, self.rescan_button = self.models_panel.scan_label, self.models_panel.rescan_button

    def _build_choice_fields(self) -> None:
        self.file_radio = QRadioButton("Model &file")
        self.server_radio = QRadioButton("&Server (OpenAI-compatible)")
        self.source_group = QButtonGroup(self)
        self.source_group.addButton(self.file_radio)
        self.source_group.addButton(self.server_radio)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Empty: the bundled model")
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.clicked.connect(self._browse)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("http://localhost:8080/v1")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Model name on the server")
        self.use_combo = QComboBox()
        for use, label in USE_LABELS.items():
            self.use_combo.addItem(label, use.value)
        self.use_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.use_combo.setMinimumContentsLength(16)
        self.context_spin = QSpinBox()
        self.context_spin.setRange(512, 262144)
        self.context_spin.setSingleStep(1024)
        self.context_spin.setSuffix(" tokens")
        self.threads_spin = QSpinBox()
        self.threads_spin.setRange(0, 256)
        self.threads_spin.setSpecialValueText("automatic")
        self.gpu_layers_spin = QSpinBox()
        self.gpu_layers_spin.setRange(AUTO_GPU_LAYERS, 999)
        self.gpu_layers_spin.setSpecialValueText("automatic")
        self.gpu_layers_spin.setToolTip("Layers offloaded to the GPU; 0 runs on the CPU only.")
        self.api_key_edit = QLineEdit()
        self.api_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key_edit.setPlaceholderText("Optional: sent as a bearer token")

    def _build_choice_box(self) -> QGroupBox:
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.file_radio, path_row)
        form.addRow(self.server_radio, self.url_edit)
        form.addRow("Server &model:", self.name_edit)
        form.addRow("Server API &key:", self.api_key_edit)
        form.addRow("&Use:", self.use_combo)
        form.addRow("&Context size:", self.context_spin)
        form.addRow("&Threads:", self.threads_spin)
        form.addRow("&GPU layers:", self.gpu_layers_spin)
        choice_box = QGroupBox("Model for synthesis")
        choice_box.setLayout(form)
        return choice_box

    def _build_probe_box(self) -> QGroupBox:
        self.probe_button = QPushButton("Run &capability probe")
        self.probe_button.clicked.connect(self.run_probe)
        self.probe_label = QLabel("The probe has not been run on this model.")
        self.probe_label.setWordWrap(True)
        self.probe_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason_label = QLabel("No synthesis has run in this session.")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        probe_box = QGroupBox("Capability probe")
        probe_layout = QVBoxLayout(probe_box)
        probe_layout.addWidget(
            QLabel(
                "The probe asks the model to label and quote a few known statements. A model that fails it "
                "does not lead extraction: rules find the insights instead."
            )
        )
        probe_layout.itemAt(0).widget().setWordWrap(True)
        probe_layout.addWidget(self.probe_button, 0, Qt.AlignmentFlag.AlignLeft)
        probe_layout.addWidget(self.probe_label)
        probe_layout.addWidget(QLabel("<b>Last synthesis run</b>"))
        probe_layout.addWidget(self.reason_label)
        probe_layout.addStretch(1)
        return probe_box

    def _connect_saves(self) -> None:
        """Every change of a setting is saved at once."""
        for edit in (self.path_edit, self.url_edit, self.name_edit, self.api_key_edit):
            edit.editingFinished.connect(self._save)
        self.source_group.buttonToggled.connect(lambda *_: self._save())
        self.use_combo.currentIndexChanged.connect(lambda *_: self._save())
        self.context_spin.valueChanged.connect(lambda *_: self._save())
        self.threads_spin.valueChanged.connect(lambda *_: self._save())
        self.gpu_layers_spin.valueChanged.connect(lambda *_: self._save())

    # Settings

    def _show_settings(self, choice: LlmSettings) -> None:
        (self.server_radio if choice.server_url else self.file_radio).setChecked(True)
        self.path_edit.setText(choice.model_path)
        self.url_edit.setText(choice.server_url)
        self.name_edit.setText(choice.model_name)
        self.use_combo.setCurrentIndex(max(self.use_combo.findData(choice.use.value), 0))
        self.context_spin.setValue(choice.n_ctx)
        self.threads_spin.setValue(choice.n_threads)
        self.gpu_layers_spin.setValue(choice.n_gpu_layers)
        self.api_key_edit.setText(choice.api_key)
        self._update_enabled()

    def current_settings(self) -> LlmSettings:
        server = self.server_radio.isChecked()
        return LlmSettings(
            model_path="" if server else self.path_edit.text().strip(),
            server_url=self.url_edit.text().strip() if server else "",
            model_name=self.name_edit.text().strip() if server else "",
            use=LlmUse(self.use_combo.currentData()),
            n_ctx=self.context_spin.value(),
            n_threads=self.threads_spin.value(),
            n_gpu_layers=self.gpu_layers_spin.value(),
            api_key=self.api_key_edit.text().strip() if server else "",
        )

    def _save(self) -> None:
        self._update_enabled()
        choice = self.current_settings()
        if choice != load_model_settings(self._settings):
            save_model_settings(self._settings, choice)
            self.show_cached_probe()

    def _update_enabled(self) -> None:
        server = self.server_radio.isChecked()
        for widget in (self.path_edit, self.browse_button):
            widget.setEnabled(not server)
        for widget in (self.url_edit, self.name_edit, self.api_key_edit):
            widget.setEnabled(server)

    def _use_downloaded(self, path: str, n_ctx: int) -> None:
        """A downloaded model passed its probe: make it the model for synthesis."""
        self.path_edit.setText(path)
        self.file_radio.setChecked(True)
        self.context_spin.setValue(n_ctx)
        self._save()
        self.rescan()

    def _row_chosen(self, model: DiscoveredLlm) -> None:
        context = self.catalogue_view.show_model(model)
        if context is not None:
            self.context_spin.setValue(context.n_ctx)  # the disk label says why this size
        self.path_edit.setText(str(model.path))
        self.file_radio.setChecked(True)
        self._save()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a model file", str(Path.home()), "GGUF models (*.gguf)"
        )
        if path:
            self.path_edit.setText(path)
            self.file_radio.setChecked(True)
            self._save()

    # Discovery

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._scanned:
            self.rescan()
            self.show_cached_probe()

    def rescan(self) -> None:
        """Look for model files in the background (it reads only their headers)."""
        self._scanned = True
        self.scan_label.setText("Looking for GGUF model files…")
        discover = self._discover
        self._runner.run(
            "models.discover",
            lambda progress, cancel: discover(),
            on_success=self._show_models,
            on_failure=lambda message: self.scan_label.setText(f"Could not look for models: {message}"),
            lane=DB_LANE,
        )

    def _show_models(self, models: list[DiscoveredLlm]) -> None:
        speeds = self.catalogue_view.remembered_speeds(models)
        self.models_panel.show_models(models, speeds, self.path_edit.text().strip())

    # Probe

    def run_probe(self) -> None:
        """Probe the chosen model in the background, on the model worker."""
        choice = self.current_settings()
        if choice.use == LlmUse.OFF:
            self.probe_label.setText("Rules only: no model to probe.")
            return
        self.probe_button.setEnabled(False)
        self.probe_label.setText(f"Probing {choice.describe()}…")
        probe = self._probe
        self._runner.run(
            "models.probe",
            lambda progress, cancel: probe(choice, cancel),
            on_success=lambda result: self._probe_done(choice, result),
            on_failure=self._probe_failed,
            lane=MODEL_LANE,
        )

    def show_cached_probe(self) -> None:
        """Show the chosen model's remembered probe result, looked up in the background."""
        choice, cached = self.current_settings(), self._cached
        if self._run_probe is not None and self._run_probe[0] == choice:
            self._probe_done(choice, self._run_probe[1], note=" (Used by the last synthesis run.)")
        else:
            self.probe_label.setText("The probe has not been run on this model.")
        self._runner.run(
            "models.cached_probe",
            lambda progress, cancel: cached(choice),
            on_success=lambda result: (
                result is not None
                and self._probe_done(choice, result, note=" (Remembered from an earlier probe.)")
            ),
            on_failure=lambda _message: None,
            lane=DB_LANE,
        )

    def show_run_probe(self, result: ProbeResult) -> None:
        """Show the probe result a synthesis run just used for the chosen model."""
        choice = self.current_settings()
        self._run_probe = (choice, result)
        self._probe_done(choice, result, note=" (Used by the last synthesis run.)")

    def _probe_done(self, choice: LlmSettings, result: ProbeResult, *, note: str = "") -> None:
        self.probe_button.setEnabled(True)
        verdict = describe_probe(result)
        if not result.passed and choice.use == LlmUse.AUTO:
            verdict += "; extraction uses rules only"
        text = f"{choice.describe()}: {verdict}"
        self.probe_label.setText(
            f"{text}\nLabels {result.label_accuracy:.0%} right, quotes {result.quote_accuracy:.0%} exact, "
            f"in {result.elapsed_seconds:.1f} s." + note
        )
        if not note:
            self.probe_described.emit(text)

    def _probe_failed(self, message: str) -> None:
        self.probe_button.setEnabled(True)
        self.probe_label.setText(f"The probe could not run: {message}")

    def show_reason(self, reason: str) -> None:
        self.reason_label.setText(reason)
