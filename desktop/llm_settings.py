"""Which language model synthesis uses, kept per user in QSettings, and choosing it (plain, no widgets)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from synthesis.extraction.llm_choice import LlmChoice, LlmUse, choose_extractor
from synthesis.llm.base import LlmBackend
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.fit import AUTO_GPU_LAYERS
from synthesis.llm.gguf_info import file_sha256
from synthesis.llm.probe import ProbeResult, probe_prompt_version, run_probe
from synthesis.llm.probe_cache import ProbeCache
from synthesis.tasks import Cancel, Progress, no_progress

PREFIX = "models/"
DEFAULT_CONTEXT = 4096


@dataclass(frozen=True)
class LlmSettings:
    """A model file (empty: the bundled model) or a server URL and model name, plus how to use it."""

    model_path: str = ""
    server_url: str = ""
    model_name: str = ""
    use: LlmUse = LlmUse.AUTO
    n_ctx: int = DEFAULT_CONTEXT
    n_threads: int = 0
    """0 lets llama.cpp choose."""
    n_gpu_layers: int = AUTO_GPU_LAYERS
    """-1: automatic (all layers on the GPU when the llama.cpp build can offload, else none)."""
    api_key: str = ""
    """Sent to the server as a bearer token when set."""

    def describe(self) -> str:
        if self.use == LlmUse.OFF:
            return "no model (rules only)"
        if self.server_url:
            return f"{self.model_name or 'default'} at {self.server_url}"
        return Path(self.model_path).name if self.model_path else "the bundled model"


def load_model_settings(settings: QSettings) -> LlmSettings:
    def number(key: str, default: int) -> int:
        try:
            return int(settings.value(PREFIX + key, default))
        except (TypeError, ValueError):
            return default

    use = str(settings.value(PREFIX + "use", LlmUse.AUTO.value))
    return LlmSettings(
        model_path=str(settings.value(PREFIX + "model_path", "") or ""),
        server_url=str(settings.value(PREFIX + "server_url", "") or ""),
        model_name=str(settings.value(PREFIX + "model_name", "") or ""),
        use=LlmUse(use) if use in LlmUse._value2member_map_ else LlmUse.AUTO,
        n_ctx=number("n_ctx", DEFAULT_CONTEXT),
        n_threads=number("n_threads", 0),
        n_gpu_layers=number("n_gpu_layers", AUTO_GPU_LAYERS),
        api_key=str(settings.value(PREFIX + "api_key", "") or ""),
    )


def save_model_settings(settings: QSettings, choice: LlmSettings) -> None:
    for key in ("model_path", "server_url", "model_name", "n_ctx", "n_threads", "n_gpu_layers", "api_key"):
        settings.setValue(PREFIX + key, getattr(choice, key))
    settings.setValue(PREFIX + "use", choice.use.value)


def choose_model(
    choice: LlmSettings, cancel: Cancel, progress: Progress = no_progress, cache: ProbeCache | None = None
) -> LlmChoice:
    """The extractor for these settings (probing the model when its result is not cached, reporting each
    check to ``progress``); call off the GUI thread: it may load a model."""
    return choose_extractor(
        model_path=Path(choice.model_path) if choice.model_path else None,
        server_url=choice.server_url or None,
        model_name=choice.model_name or None,
        use=choice.use,
        n_ctx=choice.n_ctx,
        n_threads=choice.n_threads or None,
        cache=cache,
        cancel=cancel,
        progress=progress,
        api_key=choice.api_key or None,
        n_gpu_layers=resolved_gpu_layers(choice),
    )


def make_backend(choice: LlmSettings) -> LlmBackend:
    """A backend for these settings: the server's, else llama.cpp on the file (default: the bundled model)."""
    if choice.server_url:
        from synthesis.llm.http_backend import HttpBackend

        return HttpBackend(
            choice.server_url,
            choice.model_name or "default",
            api_key=choice.api_key or None,
            context_size=choice.n_ctx,
        )
    from synthesis.llm.llama_backend import LlamaBackend

    path = Path(choice.model_path) if choice.model_path else bundled_model_path()
    return LlamaBackend(
        path, n_ctx=choice.n_ctx, n_threads=choice.n_threads or None, n_gpu_layers=resolved_gpu_layers(choice)
    )


def resolved_gpu_layers(choice: LlmSettings) -> int:
    """The n_gpu_layers for llama.cpp: the setting, or for 'automatic' all layers when it can offload."""
    if choice.n_gpu_layers != AUTO_GPU_LAYERS:
        return choice.n_gpu_layers
    from synthesis.llm.llama_backend import gpu_offload_supported

    return -1 if gpu_offload_supported() else 0


def probe_model(choice: LlmSettings, cancel: Cancel, cache: ProbeCache | None = None) -> ProbeResult:
    """Run the capability probe on the chosen model and remember its result for synthesis runs."""
    result = run_probe(make_backend(choice), cancel=cancel)
    (cache or ProbeCache()).put(result)
    return result


def cached_probe(choice: LlmSettings, cache: ProbeCache | None = None) -> ProbeResult | None:
    """The remembered probe result of the chosen model file, if it was probed before (hashes the file)."""
    if choice.server_url or choice.use == LlmUse.OFF:
        return None
    path = Path(choice.model_path) if choice.model_path else bundled_model_path()
    return (cache or ProbeCache()).get(file_sha256(path), probe_prompt_version())
