"""The catalogue on the Models screen: fit per model, licence before download, progress, cancel, errors,
probe after download, and the model that passed becoming the model for synthesis."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.catalogue_table_model import FIT_COLUMN, CatalogueTableModel
from desktop.llm_catalogue_view import LlmCatalogueView
from desktop.llm_settings import load_model_settings
from desktop.llm_view import LlmView
from desktop.tasks import TaskRunner
from synthesis.llm.catalogue import CatalogueEntry, load_catalogue
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.download import DownloadCancelled, DownloadError, DownloadResult
from synthesis.llm.gguf_info import file_sha256, read_gguf_info
from synthesis.llm.hardware import Hardware
from synthesis.llm.model_store import ModelStore
from synthesis.llm.probe import ProbeResult
from synthesis.llm.speed import SpeedResult
from tests.integration.file_server import Behaviour, serve

GB = 1_000_000_000
UNVERIFIED = "mistral-7b-q4"  # an entry without a sha256 in the catalogue: pinned after its probe passes


def laptop(_folder: Path) -> Hardware:
    return Hardware(16 * GB, 10 * GB, 4, 8, False, 40 * GB, Path("/home/me"))


def small_laptop(_folder: Path) -> Hardware:
    return Hardware(8 * GB, 5 * GB, 2, 4, False, 3 * GB, Path("/home/me"))


def passed(path: Path, _cancel) -> ProbeResult:
    return ProbeResult(0.92, 0.92, 1.0, True, [], "ab" * 32, "p", 12.0)


def failed(path: Path, _cancel) -> ProbeResult:
    return ProbeResult(
        0.3, 0.4, 0.2, False, ["labelled 40% of interview sentences correctly"], "cd" * 32, "p", 9.0
    )


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "models.json", environ={"GROUNDWORK_MODELS_DIR": str(tmp_path / "models")})


def make_view(qtbot, store: ModelStore, *, detect=laptop, runner=None, **kwargs) -> LlmCatalogueView:
    kwargs.setdefault("confirm_licence", lambda _parent, _entry: True)
    view = LlmCatalogueView(runner or TaskRunner(synchronous=True), store=store, detect=detect, **kwargs)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    return view


def select(view: LlmCatalogueView, name: str) -> CatalogueEntry:
    row = next(n for n, entry in enumerate(load_catalogue().entries) if entry.name == name)
    view.table.selectRow(row)
    return load_catalogue().entries[row]


def fake_file(target: Path) -> DownloadResult:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"GGUF" + bytes(60))
    return DownloadResult(target, file_sha256(target), 64, 0)


def test_the_catalogue_table_passes_the_model_tester(qtmodeltester) -> None:
    model = CatalogueTableModel()
    entries = load_catalogue().entries
    model.set_rows([(entry, None, False) for entry in entries])
    qtmodeltester.check(model)
    assert model.index(0, FIT_COLUMN).data() == "checking…"


def test_every_model_shows_how_it_fits_this_computer(qtbot, store: ModelStore) -> None:
    view = make_view(qtbot, store, detect=small_laptop)
    assert view.table_model.rowCount() == len(load_catalogue().entries)
    assert "8.0 GB memory (5.0 GB free), 2 CPU cores, no GPU offload" in view.hardware_label.text()
    verdicts = {
        view.table_model.row_at(row)[0].name: view.table_model.index(row, FIT_COLUMN).data()
        for row in range(view.table_model.rowCount())
    }
    assert verdicts["qwen2.5-3b-q4"] == "fits"
    assert verdicts["llama3.1-8b-q4"] == "no disk space"
    select(view, "qwen2.5-3b-q4")
    assert "Recommended" in view.detail_label.text() and "Qwen Research License" in view.detail_label.text()
    assert view.folder_label.text().endswith("models")


def test_the_licence_is_accepted_before_the_first_download(qtbot, store: ModelStore) -> None:
    downloads: list[str] = []
    view = make_view(
        qtbot, store, confirm_licence=lambda _parent, _entry: False,
        download=lambda entry, target, sha, progress, cancel: downloads.append(entry.name),
    )  # fmt: skip
    entry = select(view, "llama3.1-8b-q4")
    view.download_button.click()
    assert downloads == [] and not store.licence_accepted(entry.licence)
    assert "was not accepted; nothing was downloaded" in view.message_label.text()


def test_a_download_shows_progress_then_probes_and_the_model_is_used(qtbot, store: ModelStore) -> None:
    seen: list[tuple[int, str]] = []

    def download(entry, target, sha256, progress, cancel):
        assert sha256 is None  # the catalogue has none for this entry, and nothing is pinned yet
        progress(0.5, "2.3 GB of 4.7 GB, 25.0 MB/s, about 2 min left")
        seen.append((view.progress_bar.value(), view.progress_label.text()))
        assert view.cancel_button.isEnabled() and not view.download_button.isEnabled()
        return fake_file(target)

    view = make_view(qtbot, store, download=download, probe=passed)
    entry = select(view, UNVERIFIED)
    with qtbot.waitSignal(view.model_ready) as ready:
        view.download_button.click()
    assert seen == [(500, "2.3 GB of 4.7 GB, 25.0 MB/s, about 2 min left")]
    path = store.models_dir() / entry.file_name
    assert ready.args == [str(path), 8192]
    assert store.licence_accepted(entry.licence) and store.pinned(UNVERIFIED) == file_sha256(path)
    assert (
        "passed" in view.message_label.text() and "now the model for synthesis" in view.message_label.text()
    )
    assert "sha256 is now pinned" in view.message_label.text()
    assert view.table_model.index(view.table.currentIndex().row(), 5).data() == "yes"
    assert not view.progress_bar.isVisible() and view.download_button.isEnabled()


def test_a_model_that_fails_its_probe_is_kept_but_not_used(qtbot, store: ModelStore) -> None:
    view = make_view(qtbot, store, download=lambda e, target, *_: fake_file(target), probe=failed)
    select(view, UNVERIFIED)
    with qtbot.assertNotEmitted(view.model_ready):
        view.download_button.click()
    assert "did not pass" in view.message_label.text() and "stays on disk" in view.message_label.text()
    assert store.pinned(UNVERIFIED) is None


def test_download_errors_are_shown_and_the_view_recovers(qtbot, store: ModelStore) -> None:
    def download(*_args):
        raise DownloadError(
            "Not enough free space in /home/me: the model needs 4.7 GB more and 1.0 GB is free."
        )

    view = make_view(qtbot, store, download=download)
    select(view, "qwen2.5-7b-q4")
    view.download_button.click()
    assert view.message_label.text().startswith("Download failed: Not enough free space in /home/me")
    assert view.download_button.isEnabled() and not view.cancel_button.isEnabled()


def test_cancel_stops_the_download_and_says_it_resumes(qtbot, store: ModelStore) -> None:
    def download(entry, target, sha256, progress, cancel):
        for step in range(100):
            progress(step / 100, f"{step} MB of 100 MB")
            if step == 3:
                view.cancel_button.click()
            if cancel():
                raise DownloadCancelled(f"Download cancelled at {step} MB; it resumes from there next time.")
        raise AssertionError("cancel was not seen")

    view = make_view(qtbot, store, download=download)
    select(view, "phi3.5-mini-q4")
    view.download_button.click()
    assert view.message_label.text() == "Download cancelled at 3 MB; it resumes from there next time."
    assert view.download_button.isEnabled()


def test_a_model_on_disk_shows_its_fit_and_measured_speed(qtbot, store: ModelStore) -> None:
    path = bundled_model_path()
    model = DiscoveredLlm(path, "bundled", "SmolLM2 (bundled)", path.stat().st_size, read_gguf_info(path))
    view = make_view(qtbot, store, measure=lambda p, cancel: SpeedResult(31.5, 48, 0.2))
    context = view.show_model(model)
    assert context is not None and context.n_ctx == 8192  # SmolLM2 was trained with 8,192 tokens
    assert "SmolLM2 (bundled)" in view.disk_label.text() and "Recommended" in view.disk_label.text()
    assert "Context: 8,192 tokens." in view.disk_label.text()
    view.measure_button.click()
    assert view.message_label.text() == f"{path.name}: 31.5 tokens/s (measured, 48 tokens) on this computer."


def test_the_models_screen_uses_a_model_that_passed(qtbot, settings: QSettings, store: ModelStore) -> None:
    catalogue_view = LlmCatalogueView(TaskRunner(synchronous=True), store=store, detect=laptop)
    path = bundled_model_path()
    bundled = DiscoveredLlm(path, "bundled", "SmolLM2", path.stat().st_size, read_gguf_info(path))
    view = LlmView(
        settings, TaskRunner(synchronous=True), discover=lambda: [bundled], catalogue_view=catalogue_view
    )
    qtbot.addWidget(view)
    view.show()
    view.context_spin.setValue(2048)
    view.table.selectRow(0)  # choosing a model on disk sets the context its metadata and free RAM allow
    assert view.context_spin.value() == 8192 and "Context: 8,192 tokens" in catalogue_view.disk_label.text()
    catalogue_view.model_ready.emit("/models/Qwen2.5-7B-Instruct-Q4_K_M.gguf", 8192)
    saved = load_model_settings(settings)
    assert (saved.model_path, saved.n_ctx, saved.server_url) == (
        "/models/Qwen2.5-7B-Instruct-Q4_K_M.gguf",
        8192,
        "",
    )
    view.gpu_layers_spin.setValue(20)
    assert load_model_settings(settings).n_gpu_layers == 20
    assert view.gpu_layers_spin.specialValueText() == "automatic"


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_real_download_on_the_worker_thread(qtbot, store: ModelStore, monkeypatch) -> None:
    """The Download button against a local server serving the bundled model, with the real task runner."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    source = bundled_model_path()
    with serve(Behaviour(source, delay_per_chunk=0.002)) as url:
        catalogue = load_catalogue()
        entry = catalogue.entries[0].model_copy(
            update={"url": f"{url}/m.gguf", "sha256": file_sha256(source)}
        )
        catalogue = catalogue.model_copy(update={"entries": (entry, *catalogue.entries[1:])})
        runner = TaskRunner()
        view = make_view(qtbot, store, runner=runner, catalogue=catalogue, probe=passed)
        qtbot.waitUntil(lambda: view.table_model.rowCount() > 0, timeout=10_000)
        view.table.selectRow(0)
        stages: list[str] = []
        view.progress_bar.valueChanged.connect(lambda _value: stages.append(view.progress_label.text()))
        with qtbot.waitSignal(view.model_ready, timeout=60_000):
            view.download_button.click()
        runner.shutdown()
    assert (store.models_dir() / entry.file_name).stat().st_size == source.stat().st_size
    assert any(" of 98.4 MB, " in stage and "/s" in stage for stage in stages)
    assert "sha256 verified" in view.progress_label.text()
