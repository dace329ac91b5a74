"""The one narrow interface every language-model backend implements, its errors and its figures.

Backends derive from ``LlmBackend`` and produce raw text in ``_generate``; the base turns that into a
validated pydantic object, re-asking once with the validation error (as instructor's ``retry.py`` does) before
giving up with ``LlmOutputError``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

Messages = list[dict[str, str]]
Cancel = Callable[[], bool]
OnToken = Callable[[str], None]

DEFAULT_MAX_TOKENS = 1024


def never_cancel() -> bool:
    """Default cancel callback: the work is never cancelled."""
    return False


class LlmError(Exception):
    """Base of every error raised by the language-model layer."""


class ModelLoadError(LlmError):
    """The model file is missing, truncated, not GGUF, or llama.cpp could not load it."""


class LlmCancelled(LlmError):
    """The caller's cancel callback returned True while a completion was running."""


class LlmTimeout(LlmError):
    """The model server did not connect or answer within the timeout."""


class ServerError(LlmError):
    """The model server refused the connection or answered with an error."""


class LlmOutputError(LlmError):
    """The model's reply did not validate against the schema, even after one re-ask."""

    def __init__(self, message: str, *, raw: str, errors: str) -> None:
        super().__init__(message)
        self.raw = raw
        self.errors = errors


@dataclass(frozen=True)
class LlmInfo:
    """What produced a result: stored with every result so runs are reproducible and comparable."""

    backend: str
    model_file: str
    sha256: str | None
    quantisation: str | None
    context_size: int
    seed: int
    temperature: float
    threads: int | None


@dataclass(frozen=True)
class LlmStats:
    """Cumulative counters of a backend since it was created.

    ``prompt_tokens_evaluated`` counts prompt tokens actually run through the model (a reused prefix is not
    counted). The ``*_seconds`` fields are the engine's own timings, ``None`` where the backend cannot see
    them.
    """

    calls: int = 0
    prompt_tokens_evaluated: int = 0
    tokens_generated: int = 0
    wall_seconds: float = 0.0
    prompt_eval_seconds: float | None = None
    eval_seconds: float | None = None
    sample_seconds: float | None = None

    def add(self, **delta: Any) -> LlmStats:
        """Return these counters with ``delta`` added field by field (``None`` counts as unknown)."""
        values = {}
        for name, amount in delta.items():
            if amount is None:
                continue
            current = getattr(self, name)
            values[name] = amount if current is None else current + amount
        return replace(self, **values)

    def minus(self, earlier: LlmStats) -> LlmStats:
        """Counters accumulated since ``earlier`` was taken."""

        def diff(a: float | None, b: float | None) -> float | None:
            return None if a is None else a - (b or 0)

        return LlmStats(
            calls=self.calls - earlier.calls,
            prompt_tokens_evaluated=self.prompt_tokens_evaluated - earlier.prompt_tokens_evaluated,
            tokens_generated=self.tokens_generated - earlier.tokens_generated,
            wall_seconds=self.wall_seconds - earlier.wall_seconds,
            prompt_eval_seconds=diff(self.prompt_eval_seconds, earlier.prompt_eval_seconds),
            eval_seconds=diff(self.eval_seconds, earlier.eval_seconds),
            sample_seconds=diff(self.sample_seconds, earlier.sample_seconds),
        )


@dataclass(frozen=True)
class LlmRequest:
    """One completion a backend is asked for: constrained to ``schema``'s JSON schema unless it is None."""

    messages: Messages
    schema: type[BaseModel] | None
    cancel: Cancel
    on_token: OnToken | None
    max_tokens: int


class LlmBackend(ABC):
    """A language model: in-process llama.cpp, an OpenAI-compatible server, or a fake for tests.

    The base does what every backend shares: JSON completion validated against a pydantic schema with one
    re-ask, and text completion. A backend implements only ``_generate`` (one completion, streamed and
    cancellable), as simonw/llm's models implement only ``execute()``, plus its token count, info and
    stats; it raises ``LlmError`` subclasses for everything that goes wrong.
    """

    @property
    @abstractmethod
    def context_size(self) -> int: ...

    def complete_json(
        self,
        messages: Messages,
        schema: type[T],
        *,
        cancel: Cancel = never_cancel,
        on_token: OnToken | None = None,
        max_tokens: int = DEFAULT_MAX_TOKENS,
    ) -> T:
        """Complete constrained to ``schema``; re-ask once with the validation error, else LlmOutputError."""
        request = LlmRequest(messages, schema, cancel, on_token, max_tokens)
        raw = self._generate(request)
        try:
            return schema.model_validate_json(raw)
        except ValidationError as first:
            errors = str(first)
        raw = self._generate(replace(request, messages=reask_messages(messages, raw, errors)))
        try:
            return schema.model_validate_json(raw)
        except ValidationError as second:
            raise LlmOutputError(
                f"The model's reply did not match {schema.__name__} after one re-ask "
                f"({second.error_count()} error(s))",
                raw=raw,
                errors=str(second),
            ) from second

    def complete_text(
        self,
        messages: Messages,
        *,
        cancel: Cancel = never_cancel,
        on_token: OnToken | None = None,
        max_tokens: int = DEFAULT_MAX_TOKENS,
    ) -> str:
        """Complete without constraint; return the reply text."""
        return self._generate(LlmRequest(messages, None, cancel, on_token, max_tokens))

    @abstractmethod
    def count_tokens(self, text: str) -> int: ...

    @abstractmethod
    def info(self) -> LlmInfo: ...

    @abstractmethod
    def stats(self) -> LlmStats: ...

    @abstractmethod
    def _generate(self, request: LlmRequest) -> str:
        """One completion of ``request.messages``: passes each piece of text to ``request.on_token`` as it
        arrives and raises ``LlmCancelled`` as soon as ``request.cancel()`` returns True."""


def reask_messages(messages: Messages, raw: str, errors: str) -> Messages:
    """The conversation extended with the invalid reply and a request to correct it."""
    return [
        *messages,
        {"role": "assistant", "content": raw},
        {
            "role": "user",
            "content": "Your reply did not match the required JSON schema:\n"
            f"{errors}\nReply again with only the corrected JSON object.",
        },
    ]
