"""A small HTTP server on 127.0.0.1 serving one file with Range support, for download tests.

It can also redirect, fail, throttle, and act as an HTTP proxy (a request line with an absolute URL is served
like any other: the proxy test and the "redirect to the Hugging Face CDN" test use that, with no DNS).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

_RANGE = re.compile(r"bytes=(\d+)-$")


@dataclass
class Behaviour:
    """What the server does; tests change it between requests."""

    path: Path
    status: int | None = None
    """Answer this status (with a short body) instead of the file."""
    redirect_to: str | None = None
    """Answer 302 to this URL for paths other than /cdn/..."""
    delay_per_chunk: float = 0.0
    chunk_bytes: int = 256 * 1024
    honour_range: bool = True
    send_length: bool = True
    """False: no Content-Length, the body ends when the connection closes (HTTP/1.0)."""
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(host header, path, Range header) of every request."""


class _Handler(BaseHTTPRequestHandler):
    behaviour: Behaviour

    def log_message(self, *_args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        behaviour = self.behaviour
        path = urlsplit(self.path).path
        behaviour.requests.append((self.headers.get("Host", ""), self.path, self.headers.get("Range")))
        if behaviour.status is not None:
            body = b"upstream broke"
            self.send_response(behaviour.status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if behaviour.redirect_to and not path.startswith("/cdn/"):
            self.send_response(302)
            self.send_header("Location", behaviour.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send_file()

    def _send_file(self) -> None:
        behaviour = self.behaviour
        data_size = behaviour.path.stat().st_size
        start = 0
        match = _RANGE.match(self.headers.get("Range", ""))
        if match and behaviour.honour_range:
            start = int(match.group(1))
            if start >= data_size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{data_size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{data_size - 1}/{data_size}")
        else:
            self.send_response(200)
        if behaviour.send_length:
            self.send_header("Content-Length", str(data_size - start))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        with behaviour.path.open("rb") as handle:
            handle.seek(start)
            try:
                while block := handle.read(behaviour.chunk_bytes):
                    self.wfile.write(block)
                    if behaviour.delay_per_chunk:
                        time.sleep(behaviour.delay_per_chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass


@contextmanager
def serve(behaviour: Behaviour) -> Iterator[str]:
    """Serve ``behaviour`` on 127.0.0.1; yields the base URL."""
    handler = type("Handler", (_Handler,), {"behaviour": behaviour})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
