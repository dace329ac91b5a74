"""Model-written findings with the real bundled model (SmolLM2 through llama.cpp): whatever it writes, only
sentences whose citations hold survive, and the result names the prompt version and the model."""

import pytest

from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.gguf_info import file_sha256
from synthesis.llm.llama_backend import LlamaBackend
from synthesis.personas.label_rules import label_problems
from synthesis.personas.model_findings import write_findings
from tests.unit.test_personas_model_findings import SOURCE

pytestmark = pytest.mark.integration


def test_the_bundled_model_keeps_only_cited_sentences() -> None:
    backend = LlamaBackend(bundled_model_path(), n_ctx=2048)
    result = write_findings(backend, SOURCE)
    assert result.prompt_version == "persona-findings-1"
    assert result.model_sha256 == file_sha256(bundled_model_path())
    themes = {t.number: {i for i, _ in t.statements} for t in SOURCE.themes}
    for number, sentence in [*result.labels.items(), *result.findings.items()]:
        assert sentence.insight_ids and set(sentence.insight_ids) <= themes[number]
    assert all(not label_problems(s.text) for s in result.labels.values())
    if result.summary is not None:
        assert set(result.summary.insight_ids) <= set().union(*themes.values())
