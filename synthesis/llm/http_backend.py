"""A model behind an OpenAI-compatible server (llama.cpp server, Ollama, vLLM, LM Studio), streamed over SSE.

Talks only to the base URL it is given: no proxies from the environment, no redirects followed.
"""

from __future__ import annotations

import json
import math
import queue
import threading
import time
from collections.abc import Iterator
from functools import partial
from typing import Any, Literal

import httpx

from synthesis.llm.base import (
    LlmBackend,
    LlmCancelled,
    LlmInfo,
    LlmRequest,
    LlmStats,
    LlmTimeout,
    ServerError,
)
from synthesis.llm.stream_limits import StreamLimits, capped_body, sse_lines

SchemaFormat = Literal["auto", "json_schema", "json_object"]
_CANCEL_POLL_SECONDS = 0.1


class HttpBackend(LlmBackend):
    """Chat completions from ``<base_url>/v1/chat/completions``.

    ``schema_format`` picks how the schema is sent: ``json_schema`` (OpenAI style, most servers),
    ``json_object`` with a ``schema`` field (llama-cpp-python's server), or ``auto``: try the first and, if
    the server answers an error, the second, which is then kept when it works.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        context_size: int = 4096,
        temperature: float = 0.0,
        seed: int = 0,
        connect_timeout: float = 5.0,
        read_timeout: float = 120.0,
        schema_format: SchemaFormat = "auto",
    ) -> None:
        base = base_url.rstrip("/")
        self.base_url = base if base.endswith("/v1") else f"{base}/v1"
        self.model, self.temperature, self.seed = model, temperature, seed
        self.schema_format = schema_format
        self._context_size = context_size
        self._stats = LlmStats()
        self.limits = StreamLimits(stall_seconds=read_timeout)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            headers=headers,
            trust_env=False,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    @property
    def context_size(self) -> int:
        return self._context_size

    def count_tokens(self, text: str) -> int:
        """An upper-side estimate (one token per 3 characters): servers share no tokenizer endpoint."""
        return math.ceil(len(text) / 3)

    def info(self) -> LlmInfo:
        return LlmInfo(
            backend=f"http {self.base_url}",
            model_file=self.model,
            sha256=None,
            quantisation=None,
            context_size=self._context_size,
            seed=self.seed,
            temperature=self.temperature,
            threads=None,
        )

    def stats(self) -> LlmStats:
        return self._stats

    def _generate(self, request: LlmRequest) -> str:
        """One completion; a constrained one tries the schema formats ``schema_format`` allows."""
        schema = request.schema
        complete = partial(self._complete, request)
        try:
            if schema is None:
                return complete(None)
            json_schema = schema.model_json_schema()
            object_format = {"type": "json_object", "schema": json_schema}
            if self.schema_format == "json_object":
                return complete(object_format)
            named = {"name": schema.__name__, "schema": json_schema}
            try:
                return complete({"type": "json_schema", "json_schema": named})
            except _Rejected:
                if self.schema_format == "json_schema":
                    raise
            reply = complete(object_format)
            self.schema_format = "json_object"
            return reply
        except _Rejected as exc:
            raise ServerError(str(exc)) from None

    def _complete(self, request: LlmRequest, response_format: dict[str, Any] | None) -> str:
        cancel, on_token = request.cancel, request.on_token
        if cancel():
            raise LlmCancelled("cancelled before the request was sent")
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": request.messages,
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": request.max_tokens,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if response_format is not None:
            payload["response_format"] = response_format
        url = f"{self.base_url}/chat/completions"
        started, parts = time.perf_counter(), []
        usage: dict[str, Any] = {}
        replies: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()
        worker = threading.Thread(
            target=self._receive, args=(url, payload, response_format is not None, replies, stop), daemon=True
        )
        worker.start()
        try:
            while True:
                try:
                    kind, value = replies.get(timeout=_CANCEL_POLL_SECONDS)
                except queue.Empty:
                    if cancel():
                        raise LlmCancelled("cancelled while waiting for the server") from None
                    continue
                if kind == "error":
                    raise value
                if kind == "done":
                    break
                if kind == "usage":
                    usage = value
                    continue
                parts.append(value)
                if on_token is not None:
                    on_token(value)
                if cancel():
                    raise LlmCancelled("cancelled while the server was generating")
        finally:
            stop.set()
        self._stats = self._stats.add(
            calls=1,
            wall_seconds=time.perf_counter() - started,
            prompt_tokens_evaluated=usage.get("prompt_tokens", 0),
            tokens_generated=usage.get("completion_tokens", len(parts)),
        )
        return "".join(parts)

    def _receive(
        self,
        url: str,
        payload: dict[str, Any],
        constrained: bool,
        replies: queue.Queue[tuple[str, Any]],
        stop: threading.Event,
    ) -> None:
        """Stream one completion into ``replies`` as ("text"|"usage"|"error"|"done", value) items.

        Runs on a worker thread so that the caller can give up on a server that never answers: a blocked
        socket read cannot be interrupted, but it need not be waited for.
        """
        try:
            with self._client.stream("POST", url, json=payload) as response:
                if response.is_redirect:
                    raise ServerError(
                        f"{url} answered HTTP {response.status_code}, a redirect to "
                        f"{response.headers.get('location', 'elsewhere')}; redirects are not followed. "
                        "Set the server URL to the address that answers."
                    )
                if response.status_code >= 400:
                    error = _Rejected if constrained else ServerError
                    raise error(f"{url} answered HTTP {response.status_code}: {_body(response)}")
                for event in _sse_events(response, self.limits):
                    if stop.is_set():
                        return
                    if event.get("usage"):
                        replies.put(("usage", event["usage"]))
                    for choice in event.get("choices") or []:
                        text = (choice.get("delta") or {}).get("content") or ""
                        if text:
                            replies.put(("text", text))
        except httpx.TimeoutException as exc:
            timeout = LlmTimeout(f"{url} did not answer in time ({type(exc).__name__})")
            replies.put(("error", _caused(timeout, exc)))
        except httpx.HTTPError as exc:
            unreachable = ServerError(f"cannot reach the model server at {url}: {exc}")
            replies.put(("error", _caused(unreachable, exc)))
        except Exception as exc:  # handed to the caller's thread, which raises it
            replies.put(("error", exc))
        else:
            replies.put(("done", None))


class _Rejected(Exception):
    """The server answered an error to a request with a response_format, perhaps one it does not know.

    (llama-cpp-python's server answers HTTP 500 to the ``json_schema`` style.)
    """


def _sse_events(response: httpx.Response, limits: StreamLimits) -> Iterator[dict[str, Any]]:
    """The JSON payloads of a server-sent-event stream, up to ``[DONE]``, within ``limits``."""
    for line in sse_lines(response.iter_bytes(), limits, str(response.url)):
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
        except ValueError as exc:
            raise ServerError(f"the server sent a malformed event: {data[:200]!r}") from exc
        if isinstance(event, dict) and event.get("error"):
            raise ServerError(f"the server reported an error: {event['error']}")
        if isinstance(event, dict):
            yield event


def _caused(error: Exception, cause: BaseException) -> Exception:
    error.__cause__ = cause
    return error


def _body(response: httpx.Response) -> str:
    return capped_body(response.iter_bytes())
