"""Model-written synthesis with the real bundled SmolLM2 through llama.cpp, forced to lead: the pipeline
survives whatever the tiny model writes, and every sentence it keeps cites insights of its own persona and
theme (or, in the executive summary, of some persona's themes)."""

from pathlib import Path

import pytest
from sqlmodel import Session

from synthesis.extraction.llm_choice import LlmUse, choose_extractor
from synthesis.importer import import_file
from synthesis.llm.probe_cache import ProbeCache
from synthesis.personas.query import persona_profile
from synthesis.pipeline import run_synthesis
from synthesis.writing.store import load_written
from tests.unit.persona_rows import new_workspace

pytestmark = pytest.mark.integration

ANSWERS = [
    "I run revenue operations for a team of six and I report to the CRO.",
    "My goal this year is forecast accuracy within five percent by week six of the quarter.",
    "Our biggest problem is that the forecast is built in spreadsheets every Monday.",
    "Honestly it takes me most of Friday to reconcile the pipeline numbers with finance.",
    "If I had a magic wand the forecast would update itself from the CRM every morning.",
    "Anything over twenty thousand dollars needs sign-off from the CFO and a security review.",
]


def _transcript(name: str) -> str:
    turns = []
    for answer in ANSWERS:
        turns += ["Interviewer: Can you tell me more about that?", f"{name}: {answer}"]
    return "\n\n".join(turns) + "\n"


def test_forced_bundled_model_writes_only_sentences_with_valid_citations(tmp_path: Path) -> None:
    engine = new_workspace(tmp_path)
    for name in ("Ann", "Bo", "Cy"):
        source = tmp_path / f"{name}.txt"
        source.write_text(_transcript(name), encoding="utf-8")
        import_file(engine, source)
    cache = ProbeCache(tmp_path / "probes.json")
    def choose(cancel, _progress):
        return choose_extractor(use=LlmUse.FORCE, n_ctx=2048, cache=cache, cancel=cancel)

    outcome = run_synthesis(engine, choose)
    assert outcome.personas is not None and outcome.personas.personas
    written = outcome.written
    assert written is not None and written.calls > 0, "the forced model was asked to write"
    print(
        f"SmolLM2 wrote: kept {written.kept}, dropped {dict(written.dropped)}, "
        f"invalid replies {written.invalid_replies}, {written.calls} requests"
    )
    with Session(engine) as session:
        stored = load_written(session)
        assert (stored is None) == (written.kept == 0)
        if stored is None:
            return
        assert stored.is_draft and stored.model_sha256 and stored.model_file.endswith(".gguf")
        every_theme = {
            i
            for p in outcome.personas.personas
            for views in persona_profile(session, p.persona_id).fields.values()
            for v in views
            for i in v.insight_ids
        }
        for persona in stored.personas:
            profile = persona_profile(session, persona.persona_id)
            views = {(v.kind.value, v.theme): v for vs in profile.fields.values() for v in vs}
            for theme in persona.themes:
                members = set(views[(theme.kind, theme.theme)].insight_ids)
                for sentence in (theme.name, theme.finding):
                    assert sentence is None or (sentence.insight_ids and set(sentence.insight_ids) <= members)
            persona_ids = {i for v in views.values() for i in v.insight_ids}
            assert all(s.insight_ids and set(s.insight_ids) <= persona_ids for s in persona.summary)
        assert all(f.insight_ids and set(f.insight_ids) <= every_theme for f in stored.executive_summary)
    engine.dispose()
