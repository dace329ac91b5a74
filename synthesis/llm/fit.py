"""Does a model fit this machine? RAM, disk, threads, GPU offload, the context size to use, and a verdict.

The context size is chosen from the model's trained context and the free RAM, and the reason is always given:
a smaller context than the model supports is a visible choice, never a silent cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from synthesis.llm.catalogue import OVERHEAD_BYTES, CatalogueEntry
from synthesis.llm.discovery import DiscoveredLlm
from synthesis.llm.download import describe_bytes
from synthesis.llm.hardware import Hardware

WANTED_CONTEXT = 8192
"""Enough for an interview chunk, the instructions and the reply; more costs RAM for nothing."""
MIN_CONTEXT = 2048
SMALL_MODEL_PARAMETERS = 1_500_000_000
"""Below this, a model rarely passes the capability probe: the recommendation says to get a bigger one."""
AUTO_GPU_LAYERS = -1
"""The n_gpu_layers setting for 'automatic': every layer on the GPU when llama.cpp can offload, else none."""

Verdict = Literal["fits", "tight", "too big", "no disk space"]


@dataclass(frozen=True)
class ContextChoice:
    n_ctx: int
    reason: str


@dataclass(frozen=True)
class Fit:
    verdict: Verdict
    ram_needed: int
    context: ContextChoice
    threads: int
    n_gpu_layers: int
    notes: tuple[str, ...]

    @property
    def recommendation(self) -> str:
        return {
            "fits": "Recommended: runs comfortably on this computer.",
            "tight": "Runs, but uses most of the free memory: close other apps first.",
            "too big": "Not recommended: too big for this computer's memory. Choose a smaller model.",
            "no disk space": "Not enough free disk space to download it.",
        }[self.verdict]

    def describe(self) -> str:
        return " ".join((self.recommendation, *self.notes))


def choose_context(
    *, trained: int | None, kv_bytes_per_token: int | None, weights: int, available_ram: int,
    wanted: int = WANTED_CONTEXT,
) -> ContextChoice:  # fmt: skip
    """The largest context up to ``wanted`` that the model supports and free RAM holds (not below 2048)."""
    n_ctx = min(wanted, trained) if trained else wanted
    reason = f"{n_ctx:,} tokens" + (
        f" (the model supports {trained:,})" if trained and trained > n_ctx else ""
    )
    if kv_bytes_per_token:
        while n_ctx > MIN_CONTEXT and weights + kv_bytes_per_token * n_ctx + OVERHEAD_BYTES > available_ram:
            n_ctx //= 2
            reason = f"{n_ctx:,} tokens, reduced to fit the free memory ({describe_bytes(available_ram)})"
    return ContextChoice(n_ctx, reason)


def gpu_layers(hardware: Hardware, setting: int = AUTO_GPU_LAYERS) -> int:
    """The n_gpu_layers to pass to llama.cpp for a setting (-1: automatic)."""
    if setting != AUTO_GPU_LAYERS:
        return setting
    return -1 if hardware.gpu_offload else 0


def _verdict(ram_needed: int, hardware: Hardware) -> Verdict:
    if ram_needed > hardware.total_ram * 0.9:
        return "too big"
    if ram_needed > hardware.available_ram:
        return "tight"
    return "fits"


def _common_notes(hardware: Hardware) -> list[str]:
    gpu = (
        "GPU offload: available (all layers go to the GPU)."
        if hardware.gpu_offload
        else "GPU offload: not in this llama.cpp build (CPU only)."
    )
    return [f"Runs on {hardware.cpu_threads} CPU threads.", gpu]


def fit_entry(entry: CatalogueEntry, hardware: Hardware, *, downloaded: bool = False) -> Fit:
    """How a catalogue entry fits this machine (disk counts only when it is not downloaded yet)."""
    context = choose_context(
        trained=entry.context_length,
        kv_bytes_per_token=entry.kv_bytes_per_token,
        weights=entry.size_bytes,
        available_ram=hardware.available_ram,
        wanted=entry.recommended_context,
    )
    ram = entry.ram_at(context.n_ctx)
    verdict = _verdict(ram, hardware)
    notes = [f"Needs about {describe_bytes(ram)} of memory at {context.n_ctx:,} tokens of context."]
    if not downloaded and entry.size_bytes > hardware.free_disk:
        verdict = "no disk space"
        notes.append(f"{describe_bytes(hardware.free_disk)} free in {hardware.disk_folder}.")
    notes += _common_notes(hardware)
    return Fit(verdict, ram, context, hardware.cpu_threads, gpu_layers(hardware), tuple(notes))


def fit_model(model: DiscoveredLlm, hardware: Hardware) -> Fit | None:
    """How a model file found on disk fits this machine; None when its header could not be read."""
    info = model.info
    if info is None:
        return None
    kv = info.kv_bytes_per_token
    context = choose_context(
        trained=info.context_length, kv_bytes_per_token=kv, weights=model.size_bytes,
        available_ram=hardware.available_ram,
    )  # fmt: skip
    ram = model.size_bytes + (kv or 0) * context.n_ctx + OVERHEAD_BYTES
    notes = [f"Needs about {describe_bytes(ram)} of memory at {context.n_ctx:,} tokens of context."]
    if kv is None:
        notes.append("(Its KV-cache size is unknown: the estimate counts the weights only.)")
    notes += _common_notes(hardware)
    return Fit(
        _verdict(ram, hardware), ram, context, hardware.cpu_threads, gpu_layers(hardware), tuple(notes)
    )


def recommend(models: Sequence[tuple[DiscoveredLlm, Fit | None]], speeds: Mapping[str, float]) -> str:
    """Which model found on disk to use here: the largest that fits (measured speed breaks ties), and why.

    ``speeds`` maps a model's path to its measured tokens/s.
    """
    usable = [(model, fit) for model, fit in models if fit is not None and fit.verdict in ("fits", "tight")]
    if not usable:
        return (
            "None of the models found fits this computer: download one that fits from the catalogue."
            if any(fit is not None for _, fit in models)
            else "No usable model file found: download one from the catalogue, or choose a file or a server."
        )

    def rank(pair: tuple[DiscoveredLlm, Fit]) -> tuple[bool, int, float]:
        model, fit = pair
        size = model.info.parameter_count if model.info else 0
        return fit.verdict == "fits", size or model.size_bytes, speeds.get(str(model.path), 0.0)

    model, fit = max(usable, key=rank)
    speed = speeds.get(str(model.path))
    measured = f", {speed:.1f} tokens/s measured" if speed else "; select it and measure its speed"
    text = f"Recommended on this computer: {model.display_name} ({fit.verdict}, "
    text += f"context {fit.context.n_ctx:,} tokens{measured})."
    if fit.verdict == "tight":
        text += " Close other apps before using it."
    if model.info and 0 < model.info.parameter_count < SMALL_MODEL_PARAMETERS:
        text += " It is small: for model-led extraction, download a 3B or larger model from the catalogue."
    return text
