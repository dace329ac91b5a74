"""The OpenAI-compatible HTTP backend against a real llama.cpp server (llama-cpp-python's) on loopback."""

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Literal

import pytest
from pydantic import BaseModel

from synthesis.llm.base import LlmCancelled, LlmTimeout, ServerError
from synthesis.llm.http_backend import HttpBackend
from tests.integration.llama_server import free_port, llama_server

pytestmark = [pytest.mark.integration, pytest.mark.allow_hosts(["127.0.0.1"])]


class Verdict(BaseModel):
    kind: Literal["pain", "goal", "role"]
    certain: bool


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with llama_server(tmp_path_factory.mktemp("server")) as url:
        yield url


def test_json_completion_through_a_real_server(server_url: str) -> None:
    backend = HttpBackend(server_url, "smollm2", read_timeout=30)
    streamed: list[str] = []
    messages = [{"role": "user", "content": "Classify: 'Our reports take three days to build.'"}]
    verdict = backend.complete_json(messages, Verdict, on_token=streamed.append, max_tokens=64)
    assert isinstance(verdict, Verdict)
    assert Verdict.model_validate_json("".join(streamed)) == verdict
    assert len(streamed) > 3  # streamed token by token, not in one piece
    assert backend.schema_format == "json_object"  # llama-cpp-python's server refuses the json_schema style
    assert backend.stats().calls >= 1
    backend.close()


def test_cancellation_through_a_real_server(server_url: str) -> None:
    backend = HttpBackend(server_url, "smollm2", read_timeout=30)
    tokens: list[str] = []
    started = time.perf_counter()
    with pytest.raises(LlmCancelled):
        backend.complete_text(
            [{"role": "user", "content": "Count from 1 to 500, one number per line."}],
            on_token=tokens.append,
            cancel=lambda: len(tokens) >= 5,
            max_tokens=1500,
        )
    assert len(tokens) == 5 and time.perf_counter() - started < 10
    backend.close()


def test_refused_connection_is_a_server_error() -> None:
    backend = HttpBackend(f"http://127.0.0.1:{free_port()}", "m", connect_timeout=2)
    started = time.perf_counter()
    with pytest.raises(ServerError, match="cannot reach the model server"):
        backend.complete_text([{"role": "user", "content": "hi"}])
    assert time.perf_counter() - started < 2


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        accepted: list[socket.socket] = []
        thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
        thread.start()
        backend = HttpBackend(f"http://127.0.0.1:{listener.getsockname()[1]}", "m", read_timeout=0.5)
        started = time.perf_counter()
        with pytest.raises(LlmTimeout):
            backend.complete_json([{"role": "user", "content": "hi"}], Verdict)
        assert time.perf_counter() - started < 2
        thread.join(timeout=1)
        assert accepted, "the request never reached the silent server"
        for conn in accepted:
            conn.close()


class _Failing(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(500)
        self.end_headers()
        self.wfile.write(b"model crashed")

    def log_message(self, *args: object) -> None:
        pass


def test_http_errors_become_server_errors() -> None:
    server = HTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        backend = HttpBackend(f"http://127.0.0.1:{server.server_port}/v1/", "m")
        with pytest.raises(ServerError, match="HTTP 500: model crashed"):
            backend.complete_text([{"role": "user", "content": "hi"}])
        assert backend.base_url == f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.shutdown()
        server.server_close()
