"""In-process llama.cpp through llama-cpp-python: the only module that imports ``llama_cpp`` (lazily).

A fixed instruction prefix (system prompt, few-shot turns) is evaluated once: ``Llama`` keeps the KV cache
of the previous call and only evaluates the tokens after the longest common prefix, so consecutive chunks
that share the prefix pay only for their own text. ``stats()`` shows it in ``prompt_tokens_evaluated``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from synthesis.llm.base import (
    LlmBackend,
    LlmCancelled,
    LlmError,
    LlmInfo,
    LlmRequest,
    LlmStats,
    ModelLoadError,
)
from synthesis.llm.gguf_info import file_sha256, read_gguf_info

log = logging.getLogger(__name__)
DEFAULT_CONTEXT = 4096


class LlamaBackend(LlmBackend):
    """A GGUF model loaded in this process. Drive it from one worker thread; calls are serialised."""

    def __init__(
        self,
        llm_path: Path,
        *,
        n_ctx: int = DEFAULT_CONTEXT,
        n_threads: int | None = None,
        seed: int = 0,
        temperature: float = 0.0,
        n_gpu_layers: int = 0,
    ) -> None:
        """``n_gpu_layers``: layers offloaded to the GPU (-1: all; ignored by CPU-only builds)."""
        self.llm_path = Path(llm_path)
        self._gguf = read_gguf_info(self.llm_path)  # GgufError (a ModelLoadError) for non-GGUF/truncated
        if self._gguf.context_length and n_ctx > self._gguf.context_length:
            log.warning(
                "%s was trained with a context of %d tokens; using %d instead of the %d asked for",
                self.llm_path.name, self._gguf.context_length, self._gguf.context_length, n_ctx,
            )  # fmt: skip
            n_ctx = self._gguf.context_length
        self.seed, self.temperature = seed, temperature
        self._lock = threading.Lock()
        self._stats = LlmStats(prompt_eval_seconds=0.0, eval_seconds=0.0, sample_seconds=0.0)
        started = time.perf_counter()
        self._llm = _load(
            self.llm_path, n_ctx=n_ctx, n_threads=n_threads, seed=seed, n_gpu_layers=n_gpu_layers
        )
        self.load_seconds = time.perf_counter() - started

    @property
    def context_size(self) -> int:
        return int(self._llm.n_ctx())

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def info(self) -> LlmInfo:
        return LlmInfo(
            backend="llama.cpp",
            model_file=self.llm_path.name,
            sha256=file_sha256(self.llm_path),
            quantisation=self._gguf.quantisation,
            context_size=self.context_size,
            seed=self.seed,
            temperature=self.temperature,
            threads=int(self._llm.n_threads),
        )

    def stats(self) -> LlmStats:
        return self._stats

    def _generate(self, request: LlmRequest) -> str:
        cancel, on_token = request.cancel, request.on_token
        response_format = None if request.schema is None else _json_format(request.schema)
        if cancel():
            raise LlmCancelled("cancelled before the completion started")
        with self._lock:
            before, started, sampled_before = self._perf(), time.perf_counter(), _SAMPLER_CLOCK.seconds
            parts: list[str] = []
            stream = self._llm.create_chat_completion(
                messages=request.messages,
                response_format=response_format,
                temperature=self.temperature,
                seed=self.seed,
                max_tokens=request.max_tokens,
                stream=True,
            )
            try:
                for chunk in stream:
                    if cancel():
                        raise LlmCancelled("cancelled while the model was generating")
                    text = chunk["choices"][0]["delta"].get("content") or ""
                    if text:
                        parts.append(text)
                        if on_token is not None:
                            on_token(text)
            except ValueError as exc:  # e.g. the prompt does not fit the context window
                hint = (
                    " Give the model a larger context (--ctx, or Context size in Models) or choose a model "
                    "with a longer context."
                    if "context window" in str(exc)
                    else ""
                )
                raise LlmError(f"llama.cpp refused the request: {exc}.{hint}") from exc
            finally:
                stream.close()
                after = self._perf()
                self._stats = self._stats.add(
                    calls=1,
                    wall_seconds=time.perf_counter() - started,
                    sample_seconds=_SAMPLER_CLOCK.seconds - sampled_before,
                    **{key: after[key] - before[key] for key in after},
                )
        return "".join(parts)

    def _perf(self) -> dict[str, float]:
        """llama.cpp's own cumulative counters for this context."""
        import llama_cpp

        data = llama_cpp.llama_perf_context(self._llm.ctx)
        return {
            "prompt_tokens_evaluated": data.n_p_eval,
            "tokens_generated": data.n_eval,
            "prompt_eval_seconds": data.t_p_eval_ms / 1000,
            "eval_seconds": data.t_eval_ms / 1000,
        }


class _SamplerClock:
    """Time spent in llama.cpp's sampler chain (the grammar for JSON output included).

    llama.cpp keeps no timings for llama-cpp-python's sampler chains (they are made without perf counters),
    so the one C call that samples a token is timed from outside; benchmarks add it to llama.cpp's own time.
    """

    def __init__(self) -> None:
        self.seconds = 0.0

    def install(self) -> None:
        from llama_cpp import _internals

        original = _internals.LlamaSampler.sample
        if getattr(original, "timed_by_groundwork", False):
            return

        def sample(sampler: Any, ctx: Any, idx: int = -1) -> int:
            started = time.perf_counter()
            try:
                return original(sampler, ctx, idx)
            finally:
                self.seconds += time.perf_counter() - started

        sample.timed_by_groundwork = True  # type: ignore[attr-defined]
        _internals.LlamaSampler.sample = sample


_SAMPLER_CLOCK = _SamplerClock()


def _json_format(schema: type[BaseModel]) -> dict[str, Any]:
    """llama-cpp-python's response format that constrains sampling to ``schema``."""
    return {"type": "json_object", "schema": schema.model_json_schema()}



def gpu_offload_supported() -> bool:
    """True when the installed llama.cpp can offload layers to a GPU (a CUDA, Metal, Vulkan or ROCm build)."""
    try:
        import llama_cpp

        return bool(llama_cpp.llama_supports_gpu_offload())
    except (ImportError, AttributeError, OSError):
        return False


def _load(path: Path, *, n_ctx: int, n_threads: int | None, seed: int, n_gpu_layers: int = 0) -> Any:
    """Load the model with llama.cpp's logging silenced; ModelLoadError if llama.cpp refuses it.

    Prompt and generation use the same thread count (llama.cpp's own default), half the logical CPUs unless
    given: on a busy machine more threads than free cores makes llama.cpp several times slower.
    """
    threads = n_threads or max(1, (os.cpu_count() or 2) // 2)
    try:
        from llama_cpp import Llama

        _SAMPLER_CLOCK.install()
    except ImportError as exc:
        raise ModelLoadError(
            f"llama-cpp-python is not installed, so {path.name} cannot be run: {exc}"
        ) from exc
    try:
        return Llama(
            model_path=str(path),
            n_ctx=n_ctx,
            n_threads=threads,
            n_threads_batch=threads,
            seed=seed,
            n_gpu_layers=n_gpu_layers,
            verbose=False,
        )
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelLoadError(
            f"llama.cpp could not load {path.name}: {exc}. The file may be damaged or use an architecture "
            "this version of llama.cpp does not know; download it again or choose another model."
        ) from exc
