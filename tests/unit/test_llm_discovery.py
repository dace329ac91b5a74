"""Model discovery in a fake home folder holding the bundled GGUF where desktop LLM apps keep theirs."""

import json
import os
from pathlib import Path

from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.discovery import discover_llms

DIGEST = "sha256-" + "ab" * 32


def _link(target: Path, link: Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


def _copy_head(dest: Path, size: int) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with bundled_model_path().open("rb") as source:
        dest.write_bytes(source.read(size))
    return dest


def _sparse_copy(dest: Path) -> Path:
    """A distinct file with the bundled model's header and full size (its tensor data left as zeros)."""
    _copy_head(dest, 4 << 20)
    os.truncate(dest, bundled_model_path().stat().st_size)
    return dest


def test_finds_models_of_every_app(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _link(bundled_model_path(), home / ".lmstudio/models/bartowski/SmolLM2-GGUF/smol-q4.gguf")
    _sparse_copy(home / ".local/share/nomic.ai/GPT4All/smol.gguf")
    _sparse_copy(home / "jan/models/smol/model.gguf")
    blob = _sparse_copy(home / ".cache/huggingface/hub/models--HuggingFaceTB--SmolLM2-135M/blobs/f00")
    snapshot = home / ".cache/huggingface/hub/models--HuggingFaceTB--SmolLM2-135M/snapshots/abc123"
    _link(blob, snapshot / "smol.Q4_1.gguf")
    _sparse_copy(home / ".ollama/models/blobs" / DIGEST)
    _copy_head(home / ".ollama/models/blobs/sha256-notamodel", 0).write_bytes(b"{}")
    manifest = home / ".ollama/models/manifests/registry.ollama.ai/library/smollm2/135m"
    manifest.parent.mkdir(parents=True)
    layer = {"mediaType": "application/vnd.ollama.image.model", "digest": DIGEST.replace("-", ":")}
    manifest.write_text(json.dumps({"layers": [layer]}))
    _sparse_copy(home / ".lmstudio/models/x/mmproj-smol.gguf")
    _sparse_copy(home / ".lmstudio/models/x/big-00002-of-00003.gguf")
    extra = tmp_path / "my models"
    _copy_head(extra / "broken.gguf", 5000)

    models = discover_llms([extra], home, environ={}, include_bundled=False)

    by_source = {(m.source, m.display_name) for m in models}
    assert by_source == {
        ("lmstudio", "smol-q4.gguf"),
        ("gpt4all", "smol.gguf"),
        ("jan", "model.gguf"),
        ("huggingface", "HuggingFaceTB/SmolLM2-135M/smol.Q4_1.gguf"),
        ("ollama", "smollm2:135m"),
        ("folder", "broken.gguf"),
    }
    good = [m for m in models if m.source != "folder"]
    assert all(m.info is not None and m.info.quantisation == "Q4_1" and m.error is None for m in good)
    broken = next(m for m in models if m.source == "folder")
    assert broken.info is None and "truncated" in (broken.error or "")


def test_bundled_model_comes_first_and_duplicates_are_listed_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _link(bundled_model_path(), home / ".lmstudio/models/a/same.gguf")
    hf_home = tmp_path / "hf"
    _link(bundled_model_path(), hf_home / "hub/models--org--repo/snapshots/r1/same.gguf")

    models = discover_llms(home=home, environ={"HF_HOME": str(hf_home)})

    assert len(models) == 1
    assert models[0].source == "bundled" and models[0].path == bundled_model_path()


def test_empty_home_finds_nothing_but_the_bundled_model(tmp_path: Path) -> None:
    assert discover_llms(home=tmp_path, environ={}, include_bundled=False) == []
    assert [m.source for m in discover_llms(home=tmp_path, environ={})] == ["bundled"]
