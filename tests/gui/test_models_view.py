"""The Models view: discovered files, file or server choice persisted in QSettings, the probe in the
background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.discovered_llm_table import DiscoveredLlmTableModel
from desktop.llm_settings import LlmSettings, load_model_settings
from desktop.llm_view import LlmView
from desktop.tasks import TaskRunner
from synthesis.extraction.llm_choice import LlmUse
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.gguf_info import GgufInfo
from synthesis.llm.probe import ProbeResult


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
