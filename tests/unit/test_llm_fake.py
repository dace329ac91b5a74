"""The fake backend and the shared re-ask-once rule of complete_json."""

import pytest
from pydantic import BaseModel

from synthesis.llm.base import LlmCancelled, LlmError, LlmOutputError, LlmStats
from synthesis.llm.fake import FakeBackend


class Answer(BaseModel):
    kind: str
    score: int


MESSAGES = [{"role": "system", "content": "Label it."}, {"role": "user", "content": "We sell to banks."}]


def test_valid_reply_is_parsed_and_recorded() -> None:
    backend = FakeBackend([Answer(kind="company", score=3)])
    assert backend.complete_json(MESSAGES, Answer) == Answer(kind="company", score=3)
    assert len(backend.history) == 1
    assert backend.history[0].messages == MESSAGES
    assert backend.history[0].schema is Answer


def test_invalid_reply_is_reasked_once_with_the_error() -> None:
    backend = FakeBackend(['{"kind": "company"}', '{"kind": "company", "score": 2}'])
    assert backend.complete_json(MESSAGES, Answer).score == 2
    assert len(backend.history) == 2
    reask = backend.history[1].messages
    assert reask[: len(MESSAGES)] == MESSAGES
    assert reask[-2] == {"role": "assistant", "content": '{"kind": "company"}'}
    assert "score" in reask[-1]["content"] and reask[-1]["role"] == "user"


def test_second_invalid_reply_raises_output_error_without_a_third_call() -> None:
    backend = FakeBackend(["not json", '{"kind": 1}', '{"kind": "x", "score": 1}'])
    with pytest.raises(LlmOutputError) as caught:
        backend.complete_json(MESSAGES, Answer)
    assert caught.value.raw == '{"kind": 1}'
    assert "score" in caught.value.errors
    assert len(backend.history) == 2


def test_on_token_streams_the_reply_and_cancel_stops_it() -> None:
    backend = FakeBackend(["one two three four", "five six"])
    tokens: list[str] = []
    assert backend.complete_text(MESSAGES, on_token=tokens.append) == "one two three four"
    assert "".join(tokens) == "one two three four" and len(tokens) == 4

    seen: list[str] = []
    with pytest.raises(LlmCancelled):
        backend.complete_text(MESSAGES, on_token=seen.append, cancel=lambda: len(seen) >= 1)
    assert seen == ["five"]


def test_empty_queue_and_counters() -> None:
    backend = FakeBackend()
    with pytest.raises(LlmError):
        backend.complete_text(MESSAGES)
    backend.enqueue("a b c")
    before = backend.stats()
    backend.complete_text(MESSAGES)
    delta = backend.stats().minus(before)
    assert delta.calls == 1 and delta.tokens_generated == 3
    assert delta.prompt_tokens_evaluated == backend.count_tokens("Label it. We sell to banks.") == 6


def test_stats_add_keeps_unknown_timings_unknown() -> None:
    stats = LlmStats().add(calls=1, eval_seconds=None)
    assert stats.calls == 1 and stats.eval_seconds is None
    assert stats.add(eval_seconds=0.5).add(eval_seconds=0.25).eval_seconds == 0.75
