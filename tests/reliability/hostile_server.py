"""A hostile "model server" on 127.0.0.1: it answers chat completions with replies no real server sends.

Shared by ``tests/reliability/test_bounds.py`` and ``tests/benchmarks/bench_bombs.py``. Each mode streams
until the client hangs up:

- ``endless``: valid events of 1 KB tokens for ever, never ``[DONE]`` (a gigantic reply);
- ``long_line``: ``data: `` and then one line that never ends;
- ``trickle``: one byte every ``interval`` seconds (never trips a socket read timeout);
- ``keepalive``: SSE comment lines every ``interval`` seconds and never an event;
- ``error_body``: HTTP 500 with a body that never ends.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

Mode = Literal["endless", "long_line", "trickle", "keepalive", "error_body"]
_TOKEN_EVENT = (
    "data: " + json.dumps({"choices": [{"delta": {"content": "x" * 1024}}]}) + "\n\n"
).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _HostileServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests print what matters."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        mode = self.server.mode
        self.send_response(500 if mode == "error_body" else 200)
        self.send_header("content-type", "text/event-stream")
        self.end_headers()
        try:
            self._stream(mode)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _stream(self, mode: Mode) -> None:
        interval = self.server.interval
        if mode == "long_line":
            self.wfile.write(b"data: ")
        while not self.server.stopping.is_set():
            if mode == "endless":
                self.wfile.write(_TOKEN_EVENT * 64)
            elif mode in ("long_line", "error_body"):
                self.wfile.write(b"y" * 65536)
            elif mode == "trickle":
                self.wfile.write(b"d")
                self.wfile.flush()
                time.sleep(interval)
            else:
                self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                time.sleep(interval)
            self.server.sent += 1


class _HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    mode: Mode = "endless"
    interval: float = 5.0
    sent: int = 0

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stopping = threading.Event()


@contextmanager
def hostile_server(mode: Mode, *, interval: float = 5.0) -> Iterator[str]:
    """Run the hostile server in a thread; yields its base URL."""
    server = _HostileServer()
    server.mode, server.interval = mode, interval
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
