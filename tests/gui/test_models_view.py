"""The Models view: discovered files, file or server choice persisted in QSettings, the probe in the
background."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from desktop.discovered_llm_table import CHOSEN_COLUMN, FIT_COLUMN, SPEED_COLUMN, DiscoveredLlmTableModel
from desktop.llm_catalogue_view import LlmCatalogueView
from desktop.llm_settings import LlmSettings, load_model_settings
from desktop.llm_view import LlmView
from desktop.tasks import TaskRunner
from synthesis.extraction.llm_choice import LlmUse
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.gguf_info import GgufInfo
from synthesis.llm.hardware import Hardware
from synthesis.llm.model_store import ModelStore
from synthesis.llm.probe import ProbeResult
from synthesis.llm.speed import SpeedResult


def found(tmp_path: Path) -> list[DiscoveredLlm]:
    good = tmp_path / "qwen2.5-3b-instruct-q4_k_m.gguf"
    info = GgufInfo(good, 3, "Qwen2.5 3B Instruct", "qwen2", "3B", 3_090_000_000, 15, 32768, 434, 2 * 2**30)
    return [
        DiscoveredLlm(good, "lmstudio", good.name, 2 * 2**30, info),
        DiscoveredLlm(tmp_path / "broken.gguf", "folder", "broken.gguf", 1024, None, "not a GGUF file"),
    ]


def failed_probe(_choice: LlmSettings, _cancel) -> ProbeResult:
    return ProbeResult(0.2, 0.25, 0.1, False, ["labels 25% right"], "abc", "p1", 3.0)


def make_view(qtbot, settings: QSettings, tmp_path: Path) -> LlmView:
    view = LlmView(
        settings,
        TaskRunner(synchronous=True),
        discover=lambda: found(tmp_path),
        probe=failed_probe,
        cached=lambda choice: (
            failed_probe(choice, None) if choice.model_path.endswith("q4_k_m.gguf") else None
        ),
    )
    qtbot.addWidget(view)
    view.show()
    return view


def test_discovered_model_table_passes_the_model_tester(qtmodeltester, tmp_path: Path) -> None:
    model = DiscoveredLlmTableModel()
    model.set_models(found(tmp_path))
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(7)] == [
        "qwen2.5-3b-instruct-q4_k_m.gguf",
        "lmstudio",
        "qwen2",
        "3B",
        "Q4_K_M",
        "32,768",
        "2.00 GB",
    ]
    assert model.index(1, 2).data() == "unreadable"
    assert "not a GGUF file" in model.index(1, 0).data(3)


def test_choosing_a_file_or_a_server_is_remembered(qtbot, settings: QSettings, tmp_path: Path) -> None:
    view = make_view(qtbot, settings, tmp_path)
    assert view.table_model.rowCount() == 2 and view.scan_label.text() == "2 found"
    view.table.selectRow(0)
    view.context_spin.setValue(8192)
    view.threads_spin.setValue(6)
    saved = load_model_settings(settings)
    assert saved.model_path == str(tmp_path / "qwen2.5-3b-instruct-q4_k_m.gguf")
    assert (saved.n_ctx, saved.n_threads, saved.server_url) == (8192, 6, "")

    view.server_radio.setChecked(True)
    view.url_edit.setText("http://localhost:8080/v1")
    view.url_edit.editingFinished.emit()
    view.name_edit.setText("llama3")
    view.name_edit.editingFinished.emit()
    view.use_combo.setCurrentIndex(view.use_combo.findData("force"))
    saved = load_model_settings(settings)
    assert (saved.server_url, saved.model_name, saved.model_path) == (
        "http://localhost:8080/v1",
        "llama3",
        "",
    )
    assert saved.use == LlmUse.FORCE
    assert not view.path_edit.isEnabled() and view.url_edit.isEnabled()

    reopened = make_view(qtbot, settings, tmp_path)
    assert reopened.server_radio.isChecked()
    assert reopened.current_settings() == saved


def test_the_probe_runs_in_the_background_and_says_why(qtbot, settings: QSettings, tmp_path: Path) -> None:
    view = make_view(qtbot, settings, tmp_path)
    assert view.probe_label.text() == "The probe has not been run on this model."
    view.table.selectRow(0)
    assert view.probe_label.text().endswith("(Remembered from an earlier probe.)")
    with qtbot.waitSignal(view.probe_described) as blocker:
        view.probe_button.click()
    reason = blocker.args[0]
    assert reason.startswith("qwen2.5-3b-instruct-q4_k_m.gguf: capability probe did not pass (score 0.20")
    assert reason.endswith("; extraction uses rules only")
    assert "Labels 25% right, quotes 10% exact, in 3.0 s." in view.probe_label.text()
    assert view.probe_button.isEnabled()


def test_models_section_is_reachable_from_the_tools_menu(open_window) -> None:
    open_window.menu_actions.models_action.trigger()
    assert open_window.page.stack.currentWidget() is open_window.page.models


GB = 1_000_000_000


def laptop(_folder: Path) -> Hardware:
    return Hardware(16 * GB, 10 * GB, 4, 8, False, 40 * GB, Path("/home/me"))


def found_with_a_big_one(tmp_path: Path) -> list[DiscoveredLlm]:
    big = tmp_path / "llama-70b-q4.gguf"
    info = GgufInfo(
        big, 3, "Llama 70B", "llama", "70B", 70_000_000_000, 15, 131072, 292, 40 * GB, 80, 80, 8, 8192
    )
    return [*found(tmp_path), DiscoveredLlm(big, "folder", big.name, 40 * GB, info)]


def test_the_table_shows_fit_context_chosen_and_speed(qtmodeltester, tmp_path: Path) -> None:
    model = DiscoveredLlmTableModel()
    models = found_with_a_big_one(tmp_path)
    model.set_models(models, {str(models[0].path): 14.25})
    assert [model.index(0, c).data() for c in (FIT_COLUMN, CHOSEN_COLUMN, SPEED_COLUMN)] == [
        "checking…", "", "14.2 tokens/s",
    ]  # fmt: skip
    assert model.recommendation() == ""  # nothing to recommend before this computer is measured
    model.set_hardware(laptop(tmp_path))
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in (FIT_COLUMN, CHOSEN_COLUMN, SPEED_COLUMN)] == [
        "fits", "8,192", "14.2 tokens/s",
    ]  # fmt: skip
    assert "Runs on 4 CPU threads" in model.index(0, FIT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "the model supports 32,768" in model.index(0, CHOSEN_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert [model.index(1, c).data() for c in (FIT_COLUMN, CHOSEN_COLUMN, SPEED_COLUMN)] == ["", "", ""]
    assert model.index(2, FIT_COLUMN).data() == "too big"
    assert model.recommendation() == (
        "Recommended on this computer: qwen2.5-3b-instruct-q4_k_m.gguf (fits, context 8,192 tokens, "
        "14.2 tokens/s measured)."
    )
    with DataChanged(model) as changed:
        model.set_speed(str(models[2].path), 0.8)
    assert changed == [(SPEED_COLUMN, SPEED_COLUMN)]
    assert model.index(2, SPEED_COLUMN).data() == "0.8 tokens/s"


class DataChanged:
    """Records the columns of every dataChanged a model emits inside the block."""

    def __init__(self, model: DiscoveredLlmTableModel) -> None:
        self.model, self.seen = model, []

    def __enter__(self) -> list[tuple[int, int]]:
        self.model.dataChanged.connect(
            lambda first, last, *_: self.seen.append((first.column(), last.column()))
        )
        return self.seen

    def __exit__(self, *_exc) -> None:
        self.model.dataChanged.disconnect()


def test_fit_fills_in_from_the_worker_and_a_measured_speed_is_remembered(
    qtbot, settings: QSettings, tmp_path: Path
) -> None:
    store = ModelStore(tmp_path / "models.json", environ={"GROUNDWORK_MODELS_DIR": str(tmp_path / "m")})
    threads: list[threading.Thread] = []

    def detect(folder: Path) -> Hardware:
        threads.append(threading.current_thread())
        return laptop(folder)

    with (tmp_path / "qwen2.5-3b-instruct-q4_k_m.gguf").open("wb") as sparse:
        sparse.truncate(2 * 2**30)  # the size discovery reports, so the remembered speed matches the file

    def screen() -> tuple[LlmView, TaskRunner]:
        runner = TaskRunner()
        catalogue = LlmCatalogueView(
            runner, store=store, detect=detect, measure=lambda path, cancel: SpeedResult(9.5, 48, 0.3)
        )
        view = LlmView(
            settings, runner, discover=lambda: found_with_a_big_one(tmp_path), cached=lambda _choice: None,
            catalogue_view=catalogue,
        )  # fmt: skip
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.table_model.rowCount() == 3)
        qtbot.waitUntil(lambda: view.table_model.index(0, FIT_COLUMN).data() == "fits")
        return view, runner

    view, runner = screen()
    assert threads and threads[0] is not threading.main_thread()  # hardware is measured on a worker
    assert view.models_panel.recommendation_label.text().startswith(
        "Recommended on this computer: qwen2.5-3b-instruct-q4_k_m.gguf (fits, context 8,192 tokens; "
        "select it and measure its speed)"
    )
    assert not view.models_panel.measure_button.isEnabled()
    view.table.selectRow(1)  # an unreadable file cannot be measured
    assert not view.models_panel.measure_button.isEnabled()
    view.table.selectRow(0)
    view.models_panel.measure_button.click()
    qtbot.waitUntil(lambda: view.table_model.index(0, SPEED_COLUMN).data() == "9.5 tokens/s")
    assert "9.5 tokens/s measured" in view.models_panel.recommendation_label.text()
    runner.shutdown()

    reopened, runner = screen()  # the speed comes back from the store, for the same file
    assert reopened.table_model.index(0, SPEED_COLUMN).data() == "9.5 tokens/s"
    assert store.remembered_speeds([(tmp_path / "qwen2.5-3b-instruct-q4_k_m.gguf", 1)]) == {}  # size changed
    runner.shutdown()
