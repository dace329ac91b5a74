"""A scripted backend for tests: pops queued replies and records every call (like simonw/llm's MockModel)."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from pydantic import BaseModel

from synthesis.llm.base import (
    LlmBackend,
    LlmCancelled,
    LlmError,
    LlmInfo,
    LlmRequest,
    LlmStats,
    Messages,
)


@dataclass(frozen=True)
class FakeCall:
    """One request the fake received; ``schema`` is None for text completions."""

    messages: Messages
    schema: type[BaseModel] | None
    max_tokens: int


class FakeBackend(LlmBackend):
    """Replies with queued texts in order; a queued pydantic object is replied as its JSON."""

    def __init__(self, replies: list[str | BaseModel] | None = None, *, context_size: int = 8192) -> None:
        self._replies: deque[str] = deque()
        self._context_size = context_size
        self._stats = LlmStats()
        self.history: list[FakeCall] = []
        for reply in replies or []:
            self.enqueue(reply)

    def enqueue(self, reply: str | BaseModel) -> None:
        """Queue the next reply."""
        self._replies.append(reply.model_dump_json() if isinstance(reply, BaseModel) else reply)

    @property
    def context_size(self) -> int:
        return self._context_size

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def info(self) -> LlmInfo:
        return LlmInfo("fake", "fake", None, None, self._context_size, 0, 0.0, None)

    def stats(self) -> LlmStats:
        return self._stats

    def _generate(self, request: LlmRequest) -> str:
        self.history.append(FakeCall([dict(m) for m in request.messages], request.schema, request.max_tokens))
        if request.cancel():
            raise LlmCancelled("cancelled before the reply started")
        if not self._replies:
            raise LlmError("FakeBackend has no queued reply left")
        reply = self._replies.popleft()
        for token in re.findall(r"\s*\S+", reply):
            if request.cancel():
                raise LlmCancelled("cancelled while replying")
            if request.on_token is not None:
                request.on_token(token)
        prompt = " ".join(m.get("content", "") for m in request.messages)
        self._stats = self._stats.add(
            calls=1,
            prompt_tokens_evaluated=self.count_tokens(prompt),
            tokens_generated=self.count_tokens(reply),
        )
        return reply
