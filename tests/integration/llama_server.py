"""A real llama.cpp server (llama-cpp-python's) on loopback serving the bundled model, for tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from synthesis.llm.default_model import bundled_model_path

STARTUP_SECONDS = 90


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def llama_server(log_dir: Path, *extra: str, scheme: str = "http") -> Iterator[str]:
    """``python -m llama_cpp.server`` on the bundled model, as the README's recipe runs it; yields its URL."""
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(bundled_model_path())]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", *extra]
    log_path = log_dir / f"server-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"{scheme}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"llama.cpp server did not start: {log_path.read_text(errors='replace')[-2000:]}"
                )
            try:
                httpx.get(
                    f"{url}/v1/models", timeout=1, verify=False, trust_env=False
                )  # any answer: it is up (the model is loaded before the server listens)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
