"""Find GGUF models already on this computer: bundled, LM Studio, GPT4All, Jan, Hugging Face, Ollama."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from synthesis.llm.base import ModelLoadError
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.gguf_info import GgufError, GgufInfo, has_gguf_magic, read_gguf_info
from synthesis.llm.model_store import ModelStore

_MAX_DEPTH = 6
# Second and later parts of a split model ("-00002-of-00003.gguf") are loaded through the first part.
_LATER_SPLIT = re.compile(r"-0*([2-9]|\d{2,})-of-\d+\.gguf$", re.IGNORECASE)
_OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model"


@dataclass(frozen=True)
class DiscoveredLlm:
    """A model file found on disk; ``info`` is None and ``error`` says why when its header is unreadable."""

    path: Path
    source: str
    display_name: str
    size_bytes: int
    info: GgufInfo | None
    error: str | None = None


def llm_folders(home: Path, environ: Mapping[str, str]) -> list[tuple[str, Path]]:
    """The usual folders where desktop LLM apps keep GGUF files, as (source, folder), Groundwork's first."""
    folders = [
        ("groundwork", ModelStore(environ=environ, home=home).models_dir()),
        ("lmstudio", home / ".lmstudio" / "models"),
        ("lmstudio", home / ".cache" / "lm-studio" / "models"),
        ("gpt4all", home / ".local" / "share" / "nomic.ai" / "GPT4All"),
        ("jan", home / "jan" / "models"),
        ("jan", home / ".local" / "share" / "jan"),
        ("huggingface", home / ".cache" / "huggingface" / "hub"),
    ]
    if environ.get("HF_HUB_CACHE"):
        folders.append(("huggingface", Path(environ["HF_HUB_CACHE"])))
    if environ.get("HF_HOME"):
        folders.append(("huggingface", Path(environ["HF_HOME"]) / "hub"))
    return folders


def discover_llms(
    extra_dirs: Iterable[Path] = (),
    home: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    include_bundled: bool = True,
) -> list[DiscoveredLlm]:
    """List GGUF models in the usual places plus ``extra_dirs``, each real file once, bundled model first."""
    home = Path.home() if home is None else home
    environ = os.environ if environ is None else environ
    found: list[tuple[str, Path, str]] = []
    if include_bundled:
        try:
            bundled = bundled_model_path()
            found.append(("bundled", bundled, f"{bundled.stem} (bundled)"))
        except ModelLoadError:
            pass
    for source, folder in [*llm_folders(home, environ), *(("folder", Path(d)) for d in extra_dirs)]:
        found.extend((source, path, _display_name(source, folder, path)) for path in _gguf_files(folder))
    found.extend(_ollama_llms(home / ".ollama" / "models", environ))

    seen: set[Path] = set()
    models = []
    for source, path, name in found:
        real = path.resolve()
        if real in seen:
            continue
        seen.add(real)
        models.append(_describe(source, path, name))
    return models


def _gguf_files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    base_depth = len(folder.parts)
    for root, dirs, files in os.walk(folder):
        if len(Path(root).parts) - base_depth >= _MAX_DEPTH:
            dirs.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if lower.endswith(".gguf") and not lower.startswith("mmproj") and not _LATER_SPLIT.search(name):
                yield Path(root) / name


def _display_name(source: str, folder: Path, path: Path) -> str:
    if source == "huggingface":
        # hub/models--org--repo/snapshots/<rev>/file.gguf -> org/repo/file.gguf
        repo = next((p for p in path.relative_to(folder).parts if p.startswith("models--")), None)
        if repo:
            return "/".join([*repo.removeprefix("models--").split("--"), path.name])
    return path.name


def _ollama_llms(root: Path, environ: Mapping[str, str]) -> Iterator[tuple[str, Path, str]]:
    if environ.get("OLLAMA_MODELS"):
        root = Path(environ["OLLAMA_MODELS"])
    blobs = root / "blobs"
    if not blobs.is_dir():
        return
    names = _ollama_names(root / "manifests")
    for blob in sorted(blobs.iterdir()):
        if blob.is_file() and has_gguf_magic(blob):
            yield "ollama", blob, names.get(blob.name, blob.name)


def _ollama_names(manifests: Path) -> dict[str, str]:
    """Map blob file names (``sha256-<hex>``) to model names (``llama3:8b``) read from Ollama's manifests."""
    names: dict[str, str] = {}
    if not manifests.is_dir():
        return names
    for manifest in manifests.rglob("*"):
        if not manifest.is_file():
            continue
        try:
            layers = json.loads(manifest.read_text(encoding="utf-8")).get("layers", [])
        except (OSError, ValueError, AttributeError):
            continue
        for layer in layers:
            if isinstance(layer, dict) and layer.get("mediaType") == _OLLAMA_MODEL_LAYER:
                blob = str(layer.get("digest", "")).replace(":", "-")
                names[blob] = f"{manifest.parent.name}:{manifest.name}"
    return names


def _describe(source: str, path: Path, name: str) -> DiscoveredLlm:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    try:
        return DiscoveredLlm(path, source, name, size, read_gguf_info(path))
    except (GgufError, OSError, ValueError) as exc:
        return DiscoveredLlm(path, source, name, size, None, str(exc))
