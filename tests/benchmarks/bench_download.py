"""Model download and speed figures: loopback download rate of the bundled GGUF (streaming, hashing and
writing included), a resume's cost of re-hashing the partial file, and the measured tokens/s of the bundled
model (`groundwork models --measure` runs the same measurement).

Usage: python -m tests.benchmarks.bench_download
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.download import download_file
from synthesis.llm.gguf_info import file_sha256
from synthesis.llm.speed import measure_speed
from tests.integration.file_server import Behaviour, serve


def main() -> None:
    source = bundled_model_path()
    size_mb = source.stat().st_size / 1e6
    sha256 = file_sha256(source)
    with tempfile.TemporaryDirectory() as folder, serve(Behaviour(source, chunk_bytes=1 << 20)) as url:
        target = Path(folder) / "m.gguf"
        started = time.perf_counter()
        download_file(f"{url}/m.gguf", target, sha256=sha256)
        full = time.perf_counter() - started
        print(f"full download of {size_mb:.1f} MB over loopback: {full:.2f} s ({size_mb / full:.0f} MB/s)")

        partial = Path(folder) / "r.gguf.part"
        partial.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
        started = time.perf_counter()
        result = download_file(f"{url}/m.gguf", Path(folder) / "r.gguf", sha256=sha256)
        resumed = time.perf_counter() - started
        print(
            f"resume from {result.resumed_from / 1e6:.1f} MB (re-hash of the partial file included): "
            f"{resumed:.2f} s"
        )
    speed = measure_speed(source)
    print(f"bundled model: {speed.describe()}, loaded in {speed.load_seconds:.2f} s")


if __name__ == "__main__":
    main()
