"""Hardware fit: the verdict, the context from the model's metadata and free RAM, GPU layers; the store."""

from __future__ import annotations

from pathlib import Path

from synthesis.llm.catalogue import load_catalogue
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.fit import AUTO_GPU_LAYERS, choose_context, fit_entry, fit_model, gpu_layers, recommend
from synthesis.llm.gguf_info import GgufInfo
from synthesis.llm.hardware import Hardware, detect_hardware
from synthesis.llm.model_store import ModelStore

GB = 1_000_000_000


def machine(total: float, free: float, *, disk: float = 100, gpu: bool = False) -> Hardware:
    return Hardware(int(total * GB), int(free * GB), 4, 8, gpu, int(disk * GB), Path("/models"))


def test_a_laptop_with_16_gb_fits_a_7b_model_and_8_gb_is_tight() -> None:
    entry = load_catalogue().entry("qwen2.5-7b-q4")
    roomy = fit_entry(entry, machine(16, 12))
    assert roomy.verdict == "fits" and roomy.context.n_ctx == 8192
    assert "Recommended" in roomy.recommendation and "Runs on 4 CPU threads" in roomy.describe()
    tight = fit_entry(entry, machine(8, 5))
    assert tight.verdict == "tight" and tight.context.n_ctx == 2048
    assert "reduced to fit the free memory" in tight.context.reason
    assert fit_entry(entry, machine(4, 3)).verdict == "too big"


def test_disk_space_counts_only_before_the_download() -> None:
    entry = load_catalogue().entry("llama3.1-8b-q4")
    assert fit_entry(entry, machine(32, 24, disk=2)).verdict == "no disk space"
    assert fit_entry(entry, machine(32, 24, disk=2), downloaded=True).verdict == "fits"


def test_the_context_is_never_larger_than_the_model_supports_and_the_reason_says_so() -> None:
    small = choose_context(trained=4096, kv_bytes_per_token=1000, weights=GB, available_ram=64 * GB)
    assert small.n_ctx == 4096 and small.reason == "4,096 tokens"
    large = choose_context(trained=131072, kv_bytes_per_token=1000, weights=GB, available_ram=64 * GB)
    assert large.n_ctx == 8192 and "the model supports 131,072" in large.reason
    squeezed = choose_context(trained=131072, kv_bytes_per_token=393216, weights=2 * GB, available_ram=4 * GB)
    assert squeezed.n_ctx == 2048 and "reduced" in squeezed.reason


def test_gpu_layers_are_automatic_unless_set() -> None:
    assert gpu_layers(machine(16, 8, gpu=True)) == -1
    assert gpu_layers(machine(16, 8, gpu=False)) == 0
    assert gpu_layers(machine(16, 8, gpu=True), 12) == 12
    assert fit_entry(load_catalogue().entries[0], machine(16, 8, gpu=True)).n_gpu_layers == -1
    assert (
        "GPU offload: available"
        in fit_entry(load_catalogue().entries[0], machine(16, 8, gpu=True)).describe()
    )
    assert AUTO_GPU_LAYERS == -1


def test_a_model_on_disk_uses_its_header_for_the_kv_cache(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    info = GgufInfo(path, 3, "M", "qwen2", "7B", 7_600_000_000, 15, 32768, 339, 4 * GB, 28, 28, 4, 3584)
    assert info.kv_bytes_per_token == 2 * 28 * 4 * 128 * 2
    fit = fit_model(DiscoveredLlm(path, "folder", "m.gguf", 4 * GB, info), machine(16, 12))
    assert fit is not None and fit.verdict == "fits" and fit.context.n_ctx == 8192
    unknown = GgufInfo(path, 3, "M", "x", None, 1, None, None, 1, GB)
    assert unknown.kv_bytes_per_token is None
    fit = fit_model(DiscoveredLlm(path, "folder", "m.gguf", GB, unknown), machine(16, 12))
    assert fit is not None and "unknown" in fit.describe()
    assert fit_model(DiscoveredLlm(path, "folder", "m.gguf", 1, None, "bad"), machine(16, 12)) is None


def test_this_machine_is_measured(tmp_path: Path) -> None:
    hardware = detect_hardware(tmp_path / "not" / "yet", gpu_offload=False)
    assert hardware.total_ram >= hardware.available_ram > 0
    assert hardware.cpu_threads >= 1 and hardware.free_disk > 0 and hardware.disk_folder == tmp_path


def test_the_store_keeps_folder_licences_and_pins(tmp_path: Path) -> None:
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    store = ModelStore(environ=environ, home=tmp_path)
    assert store.models_dir() == tmp_path / "data" / "groundwork" / "models"
    assert ModelStore(environ={"GROUNDWORK_MODELS_DIR": "/srv/m"}, home=tmp_path).models_dir() == Path(
        "/srv/m"
    )
    store.set_models_dir(tmp_path / "mine")
    store.accept_licence("MIT License")
    store.accept_licence("MIT License")
    store.pin("qwen2.5-7b-q4", "ab" * 32)
    again = ModelStore(environ=environ, home=tmp_path)
    assert again.models_dir() == tmp_path / "mine"
    assert again.load().accepted_licences == ("MIT License",)
    assert again.licence_accepted("MIT License") and not again.licence_accepted("Apache License 2.0")
    assert again.pinned("qwen2.5-7b-q4") == "ab" * 32 and again.pinned("other") is None
    store.path.write_text("{damaged", encoding="utf-8")
    assert again.load().accepted_licences == ()


def test_the_recommendation_is_the_largest_model_that_fits(tmp_path: Path) -> None:
    def found(name: str, params: float, size: float) -> DiscoveredLlm:
        path = tmp_path / name
        info = GgufInfo(
            path, 3, name, "llama", None, int(params * GB), 15, 8192, 1, int(size * GB), 32, 32, 8, 4096
        )
        return DiscoveredLlm(path, "folder", name, int(size * GB), info)

    small, mid, huge = found("small.gguf", 1, 1), found("mid.gguf", 7, 4.5), found("huge.gguf", 70, 40)
    broken = DiscoveredLlm(tmp_path / "x.gguf", "folder", "x.gguf", 1, None, "bad")
    laptop = machine(16, 12)
    rows = [(m, fit_model(m, laptop)) for m in (small, mid, huge, broken)]
    assert recommend(rows, {}) == (
        "Recommended on this computer: mid.gguf (fits, context 8,192 tokens; "
        "select it and measure its speed)."
    )
    assert "mid.gguf (fits, context 8,192 tokens, 6.5 tokens/s measured)" in recommend(
        rows, {str(mid.path): 6.5}
    )
    tight = machine(8, 5)
    only_small = recommend([(m, fit_model(m, tight)) for m in (small, mid)], {})
    assert "small.gguf (fits" in only_small and "It is small: for model-led extraction" in only_small
    assert "It is small" not in recommend(rows, {})
    assert recommend([(huge, fit_model(huge, laptop))], {}).startswith("None of the models found fits")
    assert recommend([(broken, None)], {}).startswith("No usable model file found")


def test_the_store_remembers_a_measured_speed_per_file_and_size(tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "models.json", environ={}, home=tmp_path)
    store.accept_licence("MIT License")
    store.remember_speed(tmp_path / "a.gguf", 1000, 12.5)
    again = ModelStore(tmp_path / "models.json", environ={}, home=tmp_path)
    files = [(tmp_path / "a.gguf", 1000), (tmp_path / "b.gguf", 5)]
    assert again.remembered_speeds(files) == {str(tmp_path / "a.gguf"): 12.5}
    assert again.remembered_speeds([(tmp_path / "a.gguf", 999)]) == {}  # the file changed: measure again
    data = store.path.read_text(encoding="utf-8").replace(
        '"tokens_per_second": 12.5', '"tokens_per_second": "x"'
    )
    store.path.write_text(data, encoding="utf-8")
    assert again.remembered_speeds(files) == {} and again.licence_accepted(
        "MIT License"
    )  # the rest still counts
