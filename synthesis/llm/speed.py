"""A quick measured run: how many tokens per second a model file generates on this machine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from synthesis.tasks import Cancel, never_cancel

SPEED_PROMPT = "In three sentences, say why customer interviews matter to a B2B software company."
SPEED_TOKENS = 48


@dataclass(frozen=True)
class SpeedResult:
    tokens_per_second: float
    tokens: int
    load_seconds: float

    def describe(self) -> str:
        return f"{self.tokens_per_second:.1f} tokens/s (measured, {self.tokens} tokens)"


def measure_speed(
    path: Path,
    *,
    n_threads: int | None = None,
    n_gpu_layers: int = 0,
    max_tokens: int = SPEED_TOKENS,
    cancel: Cancel = never_cancel,
) -> SpeedResult:
    """Load the model with a small context and time a short generation (llama.cpp's own eval timer)."""
    from synthesis.llm.llama_backend import LlamaBackend

    backend = LlamaBackend(path, n_ctx=512, n_threads=n_threads, n_gpu_layers=n_gpu_layers)
    backend.complete_text([{"role": "user", "content": SPEED_PROMPT}], max_tokens=max_tokens, cancel=cancel)
    stats = backend.stats()
    seconds = stats.eval_seconds or stats.wall_seconds
    rate = stats.tokens_generated / seconds if seconds > 0 else 0.0
    return SpeedResult(round(rate, 1), stats.tokens_generated, round(backend.load_seconds, 2))
