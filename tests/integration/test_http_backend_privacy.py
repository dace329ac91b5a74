"""The HTTP backend connects only to the URL the user set: proxy variables are ignored, redirects refused."""

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from synthesis.llm.base import ServerError
from synthesis.llm.http_backend import HttpBackend

pytestmark = [pytest.mark.integration, pytest.mark.allow_hosts(["127.0.0.1"])]

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
HI = [{"role": "user", "content": "hi"}]


class Recorder(BaseHTTPRequestHandler):
    """Answers every POST with ``server.reply`` (status, headers, body) and records the request path."""

    server: "RecordingServer"

    def do_POST(self) -> None:
        self.server.requests.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, body = self.server.reply
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST
    do_CONNECT = do_POST

    def log_message(self, *args: object) -> None:
        pass


class RecordingServer(ThreadingHTTPServer):
    def __init__(self, reply: tuple[int, dict[str, str], bytes]) -> None:
        super().__init__(("127.0.0.1", 0), Recorder)
        self.reply = reply
        self.requests: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


STREAM = (
    200,
    {"Content-Type": "text/event-stream"},
    b'data: {"choices": [{"delta": {"content": "hello"}}]}\n\ndata: [DONE]\n\n',
)


@pytest.fixture
def servers() -> Iterator[list[RecordingServer]]:
    started: list[RecordingServer] = []

    def start(reply: tuple[int, dict[str, str], bytes]) -> RecordingServer:
        server = RecordingServer(reply)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every address a socket of this process connects to during the test."""
    seen: list[object] = []
    original = socket.socket.connect

    def recording(self: socket.socket, address: object) -> None:
        seen.append(address)
        original(self, address)

    monkeypatch.setattr(socket.socket, "connect", recording)
    return seen


def test_proxy_variables_are_ignored(servers, connections, monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = servers((200, {}, b""))
    model_server = servers(STREAM)
    for name in PROXY_VARIABLES:
        monkeypatch.setenv(name, proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    backend = HttpBackend(model_server.url, "m")
    assert backend.complete_text(HI) == "hello"
    backend.close()
    assert proxy.requests == []
    assert model_server.requests == ["/v1/chat/completions"]
    assert {address[1] for address in connections} == {model_server.server_port}  # type: ignore[index]


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_an_error_and_is_not_followed(servers, connections, status: int) -> None:
    elsewhere = servers(STREAM)
    redirecting = servers((status, {"Location": f"{elsewhere.url}/v1/chat/completions"}, b""))
    backend = HttpBackend(redirecting.url, "m")
    with pytest.raises(ServerError, match=f"HTTP {status}.*redirect"):
        backend.complete_text(HI)
    backend.close()
    assert elsewhere.requests == []
    assert {address[1] for address in connections} == {redirecting.server_port}  # type: ignore[index]
