"""Choose how extraction uses a language model: which backend, and whether it may lead (its probe passed).

The bundled model is tiny; it is probed once per machine (the result is cached by its sha256) and, when it
fails, extraction runs on rules alone without even loading it. The reason is always given to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from models.queries import save_model_probe
from models.tables import ModelProbe
from synthesis.extraction.pipeline import Extractor
from synthesis.llm.base import LlmBackend
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.gguf_info import file_sha256
from synthesis.llm.probe import ProbeResult, probe_prompt_version, run_probe
from synthesis.llm.probe_cache import ProbeCache
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress

PROBE_EXPLANATION = "if it labels and quotes well enough, it leads extraction; if not, rules do"
"""Why the probe runs, told to the user while it does."""


class LlmUse(StrEnum):
    AUTO = "auto"
    """Let the model lead only where its capability probe passed."""
    FORCE = "force"
    """Let the model lead whatever its probe says (benchmarks, experiments)."""
    OFF = "off"
    """Rules only; no model is loaded."""


@dataclass(frozen=True)
class LlmChoice:
    extractor: Extractor
    reason: str
    probe: ProbeResult | None = None
    model_file: str | None = None


def describe_probe(probe: ProbeResult) -> str:
    verdict = "passed" if probe.passed else "did not pass"
    details = "; ".join(probe.reasons)
    return f"capability probe {verdict} (score {probe.score:.2f}{': ' + details if details else ''})"


def choose_extractor(
    *,
    model_path: Path | None = None,
    server_url: str | None = None,
    model_name: str | None = None,
    use: LlmUse = LlmUse.AUTO,
    n_ctx: int = 4096,
    n_threads: int | None = None,
    cache: ProbeCache | None = None,
    cancel: Cancel = never_cancel,
    progress: Progress = no_progress,
    api_key: str | None = None,
    n_gpu_layers: int = 0,
) -> LlmChoice:
    """The extractor for the given model options, probing the model when its result is not cached;
    ``progress`` hears the loading and every probe check."""
    if use == LlmUse.OFF:
        return LlmChoice(Extractor(), "no model: rules-based extraction (--no-model)")
    cache = cache or ProbeCache()
    if server_url:
        from synthesis.llm.http_backend import HttpBackend

        backend: LlmBackend = HttpBackend(
            server_url, model_name or "default", api_key=api_key, context_size=n_ctx
        )
        return _decide(backend, use, cache, cancel, progress, f"server {server_url}")
    path = model_path or bundled_model_path()
    progress(0.0, f"Reading {path.name}…")
    cached = cache.get(file_sha256(path), probe_prompt_version())
    if cached is not None and not cached.passed and use == LlmUse.AUTO:
        return LlmChoice(
            Extractor(),
            f"{path.name}: {describe_probe(cached)}; extraction uses rules only",
            cached,
            path.name,
        )
    from synthesis.llm.llama_backend import LlamaBackend

    progress(0.0, f"Loading {path.name}…")
    backend = LlamaBackend(path, n_ctx=n_ctx, n_threads=n_threads, n_gpu_layers=n_gpu_layers)
    return _decide(backend, use, cache, cancel, progress, path.name, cached)


def _decide(
    backend: LlmBackend,
    use: LlmUse,
    cache: ProbeCache,
    cancel: Cancel,
    progress: Progress,
    label: str,
    cached: ProbeResult | None = None,
) -> LlmChoice:
    model_file = backend.info().model_file
    if use == LlmUse.FORCE:
        reason = f"{label}: model-led extraction (forced)"
        return LlmChoice(Extractor(backend, llm_led=True), reason, cached, model_file)

    def checked(done: int, total: int) -> None:
        progress(done / total, f"Testing {label} (check {done} of {total}): {PROBE_EXPLANATION}")

    if cached is None:
        progress(0.0, f"Testing {label} (capability probe): {PROBE_EXPLANATION}")
    probe = cached or run_probe(backend, cancel=cancel, progress=checked)
    cache.put(probe)
    if probe.passed:
        reason = f"{label}: {describe_probe(probe)}"
        return LlmChoice(Extractor(backend, llm_led=True), reason, probe, model_file)
    reason = f"{label}: {describe_probe(probe)}; extraction uses rules only"
    return LlmChoice(Extractor(), reason, probe, model_file)


def record_probe(engine: Engine, choice: LlmChoice) -> None:
    """Keep the probe result that decided a run in the workspace, keyed by the model's sha256."""
    probe = choice.probe
    if probe is None or probe.model_sha256 is None:
        return
    details = {
        "label_accuracy": probe.label_accuracy,
        "quote_accuracy": probe.quote_accuracy,
        "reasons": probe.reasons,
    }
    with Session(engine) as session:
        save_model_probe(
            session,
            ModelProbe(
                model_sha256=probe.model_sha256,
                model_file=choice.model_file or "",
                score=probe.score,
                passed=probe.passed,
                details=details,
                prompt_version=probe.prompt_version,
            ),
        )
