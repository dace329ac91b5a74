"""The GGUF header reader on the bundled model and on damaged files."""

from pathlib import Path

import pytest

from synthesis.llm.base import ModelLoadError
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.gguf_info import GgufError, file_sha256, has_gguf_magic, read_gguf_info


def test_reads_the_bundled_smollm2_header() -> None:
    info = read_gguf_info(bundled_model_path())
    assert info.architecture == "llama"
    assert info.size_label == "135M"
    assert info.quantisation == "Q4_1"
    assert info.context_length == 8192
    assert info.version == 3
    assert 130_000_000 < info.parameter_count < 140_000_000
    assert info.tensor_count == 272


def test_truncated_file_gives_a_clear_error(tmp_path: Path) -> None:
    cut = tmp_path / "half.gguf"
    with bundled_model_path().open("rb") as source:
        cut.write_bytes(source.read(200_000))  # inside the tokenizer arrays of the header
    assert has_gguf_magic(cut)
    with pytest.raises(GgufError, match=r"half\.gguf is truncated"):
        read_gguf_info(cut)


def test_file_cut_after_its_header_is_truncated(tmp_path: Path) -> None:
    cut = tmp_path / "cut.gguf"
    with bundled_model_path().open("rb") as source:
        cut.write_bytes(source.read(4 << 20))
    with pytest.raises(GgufError, match="tensors reach past the end"):
        read_gguf_info(cut)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "not a GGUF model file"),
        (b"GGUF", "too small"),
        (b"GGUF" + (99).to_bytes(4, "little") + b"\x00" * 40, "version 99"),
    ],
)
def test_foreign_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(content)
    with pytest.raises(ModelLoadError, match=message):
        read_gguf_info(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GgufError, match="not found"):
        read_gguf_info(tmp_path / "nope.gguf")
    assert not has_gguf_magic(tmp_path / "nope.gguf")


def test_sha256_is_recomputed_when_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"abc")
    assert file_sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    path.write_bytes(b"abcd")
    assert file_sha256(path) == "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589"
