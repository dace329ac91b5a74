"""What this machine offers a local model: RAM, free disk, CPU threads, whether llama.cpp can use a GPU."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True)
class Hardware:
    total_ram: int
    available_ram: int
    cpu_threads: int
    """Physical cores: llama.cpp generates fastest with one thread per core."""
    logical_cpus: int
    gpu_offload: bool
    """True when the installed llama.cpp was built with a GPU backend (CUDA, Metal, Vulkan, ROCm)."""
    free_disk: int
    disk_folder: Path


def detect_hardware(models_dir: Path, *, gpu_offload: bool | None = None) -> Hardware:
    """Measure this machine; ``gpu_offload`` None asks llama.cpp (loads the library, not a model)."""
    memory = psutil.virtual_memory()
    logical = psutil.cpu_count(logical=True) or 1
    if gpu_offload is None:
        from synthesis.llm.llama_backend import gpu_offload_supported

        gpu_offload = gpu_offload_supported()
    folder = _existing_parent(models_dir)
    return Hardware(
        total_ram=int(memory.total),
        available_ram=int(memory.available),
        cpu_threads=psutil.cpu_count(logical=False) or logical,
        logical_cpus=logical,
        gpu_offload=gpu_offload,
        free_disk=shutil.disk_usage(folder).free,
        disk_folder=folder,
    )


def _existing_parent(folder: Path) -> Path:
    """The folder itself or its nearest existing parent (the models folder may not exist yet)."""
    folder = folder.expanduser().absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
