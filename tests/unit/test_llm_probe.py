"""The capability probe scored on scripted replies."""

from synthesis.llm.fake import FakeBackend
from synthesis.llm.probe import (
    LABEL_ITEMS,
    QUOTE_ITEMS,
    ProbeLabel,
    ProbeQuote,
    probe_prompt_version,
    run_probe,
)


def _backend(labels: list[str], quotes: list[str]) -> FakeBackend:
    backend = FakeBackend()
    for kind in labels:
        backend.enqueue(ProbeLabel(kind=kind))
    for quote in quotes:
        backend.enqueue(ProbeQuote(quote=quote))
    return backend


def test_a_model_that_answers_right_passes() -> None:
    backend = _backend([kind for _, kind in LABEL_ITEMS], [expected for _, _, expected in QUOTE_ITEMS])
    progress: list[tuple[int, int]] = []
    result = run_probe(backend, progress=lambda done, total: progress.append((done, total)))
    assert result.passed and result.score == 1.0 and result.reasons == []
    assert result.prompt_version == probe_prompt_version() == "probe-label-1+probe-quote-1"
    assert progress[-1] == (16, 16) and len(progress) == 16
    assert backend.history[0].messages[0]["content"].startswith("You label one sentence")


def test_a_model_that_says_goal_to_everything_fails_with_reasons() -> None:
    paraphrased = [expected.rstrip(".").lower() for _, _, expected in QUOTE_ITEMS]
    result = run_probe(_backend(["goal"] * len(LABEL_ITEMS), paraphrased))
    assert not result.passed
    assert result.label_accuracy == 2 / 12 and result.quote_accuracy == 0
    assert any("same label 'goal' to 12 of 12" in reason for reason in result.reasons)
    assert any("copied 0% of quotes verbatim" in reason for reason in result.reasons)


def test_invalid_replies_count_as_wrong() -> None:
    backend = FakeBackend(["nonsense"] * 2 * 16)
    result = run_probe(backend)
    assert result.label_accuracy == 0 and result.quote_accuracy == 0 and not result.passed
    assert any("16 replies did not match the JSON schema" in reason for reason in result.reasons)
    assert len(backend.history) == 32
