"""Bounds on what a model server may send: the size of a reply, the length of a line, and the time it may
go without progress.

A hostile or broken server can otherwise fill memory (a gigantic reply, one endless line) or hold a run
for ever (a reply trickled a byte at a time never trips a socket's read timeout). Progress is a complete
server-sent-event ``data:`` line: keep-alive comments and partial lines do not count.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from synthesis.llm.base import LlmTimeout, ServerError


@dataclass(frozen=True)
class StreamLimits:
    """The caps on one streamed reply."""

    max_reply_bytes: int = 16 * 1024 * 1024
    """A reply of a few thousand tokens is well under 1 MB of events; 16 MB is far past any real one."""
    max_line_bytes: int = 1024 * 1024
    """One event carries one token or a usage record: a few hundred bytes."""
    stall_seconds: float = 120.0
    """The longest wait for the next complete event (the first one included, while the prompt is read)."""


def sse_lines(
    chunks: Iterable[bytes],
    limits: StreamLimits,
    source: str,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[str]:
    """The lines of a byte stream, decoded; raises ServerError past a size cap and LlmTimeout when no
    ``data:`` line has completed for ``limits.stall_seconds``."""
    received, pending = 0, bytearray()
    last_progress = clock()
    for chunk in chunks:
        received += len(chunk)
        if received > limits.max_reply_bytes:
            raise ServerError(
                f"the model server at {source} sent more than {_mb(limits.max_reply_bytes)} without "
                "finishing its reply; stopped reading. Check that the server URL points at a chat model."
            )
        pending += chunk
        *complete, rest = pending.split(b"\n")
        pending = bytearray(rest)
        for raw in complete:
            line = raw.rstrip(b"\r").decode("utf-8", errors="replace")
            if line.startswith("data:"):
                last_progress = clock()
            yield line
        if len(pending) > limits.max_line_bytes:
            raise ServerError(
                f"the model server at {source} sent a line longer than {_mb(limits.max_line_bytes)}; "
                "that is not an OpenAI-compatible event stream. Check the server URL."
            )
        if clock() - last_progress > limits.stall_seconds:
            raise LlmTimeout(
                f"the model server at {source} sent no complete event for {limits.stall_seconds:.0f} s "
                f"({received:,} bytes in all); stopped waiting. Check that the server is working."
            )
    if pending:
        yield pending.decode("utf-8", errors="replace")


def capped_body(chunks: Iterable[bytes], limit: int = 500) -> str:
    """The first ``limit`` bytes of a response body (for an error message), the rest left unread."""
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) >= limit:
            break
    return body[:limit].decode("utf-8", errors="replace")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"
