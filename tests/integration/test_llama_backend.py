"""The in-process llama.cpp backend with the real bundled SmolLM2-135M model."""

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from synthesis.llm.base import LlmCancelled, LlmError, ModelLoadError
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.gguf_info import file_sha256
from synthesis.llm.llama_backend import LlamaBackend
from synthesis.llm.probe import run_probe
from synthesis.llm.prompt_files import load_prompt

pytestmark = pytest.mark.integration


class Verdict(BaseModel):
    kind: Literal["pain", "goal", "role"]
    certain: bool


@pytest.fixture(scope="module")
def backend() -> Iterator[LlamaBackend]:
    yield LlamaBackend(bundled_model_path(), n_ctx=2048)


def test_loads_and_describes_the_bundled_model(backend: LlamaBackend) -> None:
    info = backend.info()
    assert backend.load_seconds < 10
    assert info.backend == "llama.cpp" and info.model_file == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert info.quantisation == "Q4_1" and info.context_size == 2048 == backend.context_size
    assert info.sha256 == file_sha256(bundled_model_path()) and len(info.sha256) == 64
    assert info.temperature == 0.0 and info.threads and info.threads >= 1
    assert 0 < backend.count_tokens("We sell logistics software to hospitals.") < 20


def test_json_completion_is_constrained_to_the_schema(backend: LlamaBackend) -> None:
    streamed: list[str] = []
    messages = [{"role": "user", "content": "Classify: 'Our reports take three days to build.'"}]
    before = backend.stats()
    verdict = backend.complete_json(messages, Verdict, on_token=streamed.append, max_tokens=64)
    assert isinstance(verdict, Verdict)
    assert Verdict.model_validate_json("".join(streamed)) == verdict
    delta = backend.stats().minus(before)
    assert delta.calls == 1 and delta.tokens_generated > 0 and delta.prompt_tokens_evaluated > 0
    assert delta.eval_seconds is not None and delta.eval_seconds > 0
    assert delta.sample_seconds is not None and delta.sample_seconds > 0


def test_cancellation_stops_generation_within_a_second(backend: LlamaBackend) -> None:
    tokens: list[str] = []
    cancelled_at: list[float] = []

    def cancel() -> bool:
        if len(tokens) >= 10 and not cancelled_at:
            cancelled_at.append(time.perf_counter())
        return bool(cancelled_at)

    messages = [{"role": "user", "content": "Count from 1 to 500, one number per line."}]
    with pytest.raises(LlmCancelled):
        backend.complete_text(messages, cancel=cancel, on_token=tokens.append, max_tokens=1500)
    assert time.perf_counter() - cancelled_at[0] < 1.0
    assert len(tokens) == 10
    assert backend.complete_text([{"role": "user", "content": "Say hi."}], max_tokens=8)


def test_instruction_prefix_is_evaluated_once(backend: LlamaBackend) -> None:
    system = load_prompt("probe_label").text

    def evaluated(sentence: str) -> int:
        before = backend.stats()
        messages = [
            {"role": "system", "content": system},
            {"role": "user", "content": f"Sentence: {sentence}"},
        ]
        backend.complete_text(messages, max_tokens=4)
        return backend.stats().minus(before).prompt_tokens_evaluated

    first = evaluated("We are a 40-person agency in Leeds.")
    second = evaluated("I run the customer success team.")
    assert backend.count_tokens(system) > 150
    assert first > backend.count_tokens(system)
    assert second < 30, f"second call evaluated {second} prompt tokens; the prefix was not reused"


def test_probe_fails_the_bundled_model_with_reasons(backend: LlamaBackend) -> None:
    result = run_probe(backend)
    assert not result.passed
    assert result.reasons
    assert result.model_sha256 == file_sha256(bundled_model_path())
    assert result.prompt_version == "probe-label-1+probe-quote-1"
    assert result.elapsed_seconds < 30
    assert len(result.labels) == 12


def test_a_prompt_longer_than_the_context_is_a_typed_error(backend: LlamaBackend) -> None:
    too_long = "pipeline " * 3000
    with pytest.raises(LlmError, match="exceed context window"):
        backend.complete_text([{"role": "user", "content": too_long}], max_tokens=8)
    assert backend.complete_text([{"role": "user", "content": "Say hi."}], max_tokens=8)


def test_a_file_that_is_not_gguf_is_refused_before_llama_cpp_sees_it(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_text("<html>404 Not Found</html>" * 10)
    with pytest.raises(ModelLoadError, match=r"model\.gguf is not a GGUF model file"):
        LlamaBackend(fake)
