"""Read a GGUF file's metadata header (key/values and tensor shapes), never its tensor data.

Spec: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md. The file is memory-mapped and every read is
bounds-checked, so a truncated or foreign file gives ``GgufError`` with a plain message instead of a crash.
"""

from __future__ import annotations

import hashlib
import mmap
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from synthesis.llm.base import ModelLoadError

GGUF_MAGIC = b"GGUF"

# llama_ftype values from llama.h (general.file_type); gaps are formats that were removed.
_FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
    12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
    19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
    26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
    36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4_MOE",
}  # fmt: skip

# GGUF value type -> struct format of a scalar; 8 = string and 9 = array are handled apart.
_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9
_MAX_KV = 1_000_000


class GgufError(ModelLoadError):
    """The file is not a readable GGUF model file."""


@dataclass(frozen=True)
class GgufInfo:
    """What a GGUF header says about its model."""

    path: Path
    version: int
    name: str | None
    architecture: str | None
    size_label: str | None
    parameter_count: int
    file_type: int | None
    context_length: int | None
    tensor_count: int
    file_size: int
    block_count: int | None = None
    head_count: int | None = None
    head_count_kv: int | None = None
    embedding_length: int | None = None

    @property
    def kv_bytes_per_token(self) -> int | None:
        """Bytes of f16 KV cache per context token (keys and values, every layer), None if unknown."""
        if not (self.block_count and self.head_count and self.embedding_length):
            return None
        kv_heads = self.head_count_kv or self.head_count
        return 2 * self.block_count * kv_heads * (self.embedding_length // self.head_count) * 2

    @property
    def quantisation(self) -> str | None:
        """The quantisation name, e.g. ``Q4_1``, or None when the header does not say."""
        if self.file_type is None:
            return None
        return _FILE_TYPES.get(self.file_type, f"type {self.file_type}")


class _Reader:
    """Little-endian cursor over a memory map, raising GgufError on reads past the end."""

    def __init__(self, buf: mmap.mmap, path: Path) -> None:
        self.buf, self.pos, self.path = buf, 0, path

    def take(self, fmt: str) -> int | float | bool:
        size = struct.calcsize(fmt)
        self._need(size)
        (value,) = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += size
        return value

    def string(self) -> str:
        length = int(self.take("Q"))
        self._need(length)
        raw = self.buf[self.pos : self.pos + length]
        self.pos += length
        return raw.decode("utf-8", errors="replace")

    def value(self, kind: int) -> object:
        """Read one value; arrays are skipped (returned as None) except short ones."""
        if kind in _SCALARS:
            return self.take(_SCALARS[kind])
        if kind == _STRING:
            return self.string()
        if kind == _ARRAY:
            item_kind, count = int(self.take("I")), int(self.take("Q"))
            if item_kind in _SCALARS:
                self.skip(count * struct.calcsize(_SCALARS[item_kind]))
            else:
                for _ in range(count):
                    self.value(item_kind)
            return None
        raise GgufError(
            f"{self.path.name}: unknown GGUF value type {kind} at byte {self.pos}; the file is damaged"
        )

    def skip(self, size: int) -> None:
        self._need(size)
        self.pos += size

    def _need(self, size: int) -> None:
        if self.pos + size > len(self.buf):
            raise GgufError(
                f"{self.path.name} is truncated ({len(self.buf):,} bytes, header needs more): "
                "the download or copy did not finish. Download the model file again."
            )


def has_gguf_magic(path: Path) -> bool:
    """True if the file starts with the GGUF magic bytes."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == GGUF_MAGIC
    except OSError:
        return False


def read_gguf_info(path: Path) -> GgufInfo:
    """Read the metadata header of the GGUF file at ``path``; raise GgufError if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise GgufError(f"Model file not found: {path}. Choose an existing .gguf file.")
    size = path.stat().st_size
    if size < 24:
        raise GgufError(f"{path.name} is {size} bytes, too small to be a GGUF model. Download it again.")
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as buf:
        if buf[:4] != GGUF_MAGIC:
            raise GgufError(
                f"{path.name} is not a GGUF model file (it starts with {bytes(buf[:4])!r}). "
                "Groundwork runs llama.cpp models in GGUF format: choose a .gguf file."
            )
        return _parse(_Reader(buf, path), path, size)


def _parse(reader: _Reader, path: Path, size: int) -> GgufInfo:
    reader.skip(4)
    version = int(reader.take("I"))
    if version not in (2, 3):
        raise GgufError(
            f"{path.name}: GGUF version {version} is not supported (only 2 and 3, little-endian)."
        )
    tensor_count, kv_count = int(reader.take("Q")), int(reader.take("Q"))
    if kv_count > _MAX_KV or tensor_count > _MAX_KV:
        raise GgufError(f"{path.name}: implausible header counts; the file is damaged. Download it again.")
    meta: dict[str, object] = {}
    for _ in range(kv_count):
        key = reader.string()
        meta[key] = reader.value(int(reader.take("I")))
    parameters, last_offset = 0, 0
    for _ in range(tensor_count):
        reader.string()
        dims = [int(reader.take("Q")) for _ in range(int(reader.take("I")))]
        reader.skip(4)  # tensor type
        last_offset = max(last_offset, int(reader.take("Q")))
        count = 1
        for dim in dims:
            count *= dim
        parameters += count
    alignment = meta.get("general.alignment")
    alignment = alignment if isinstance(alignment, int) and alignment > 0 else 32
    data_start = -(-reader.pos // alignment) * alignment
    if tensor_count and data_start + last_offset >= size:
        raise GgufError(
            f"{path.name} is truncated ({size:,} bytes, its tensors reach past the end): "
            "the download or copy did not finish. Download the model file again."
        )
    arch = _str(meta.get("general.architecture"))
    context = meta.get(f"{arch}.context_length") if arch else None
    file_type = meta.get("general.file_type")

    def arch_int(key: str) -> int | None:
        value = meta.get(f"{arch}.{key}") if arch else None
        return int(value) if isinstance(value, int) and value > 0 else None

    return GgufInfo(
        path=path,
        version=version,
        name=_str(meta.get("general.name")),
        architecture=arch,
        size_label=_str(meta.get("general.size_label")),
        parameter_count=parameters,
        file_type=int(file_type) if isinstance(file_type, int) else None,
        context_length=int(context) if isinstance(context, int) else None,
        tensor_count=tensor_count,
        file_size=size,
        block_count=arch_int("block_count"),
        head_count=arch_int("attention.head_count"),
        head_count_kv=arch_int("attention.head_count_kv"),
        embedding_length=arch_int("embedding_length"),
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, streamed; computed once per (path, mtime, size)."""
    stat = Path(path).stat()
    return _sha256_cached(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


@cache
def _sha256_cached(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
