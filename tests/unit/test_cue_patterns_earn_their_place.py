"""Every cue and firmographic pattern must match text we may tune on: the training transcripts or the samples.

A pattern that matches none of it was written for some other text (such as the evaluation set) and must go.
"""

import re
from functools import cache
from pathlib import Path

import pytest

from synthesis.extraction import firmographics
from synthesis.extraction.cues import CUES
from synthesis.extraction.learned.dataset import transcript_for
from synthesis.extraction.learned.train import CORPUS, TRAINING
from synthesis.extraction.segment import split_sentences
from synthesis.ingest import parse_file

ROOT = Path(__file__).resolve().parents[2]


def _tunable_files() -> list[Path]:
    samples = sorted((ROOT / "synthesis" / "samples" / "transcripts").iterdir())
    annotated = [transcript_for(g, [CORPUS]) for g in sorted(TRAINING.rglob("*.gold.jsonl"))]
    return samples + annotated


@cache
def _sentences() -> tuple[str, ...]:
    out: list[str] = []
    for path in _tunable_files():
        for turn in parse_file(path).turns:
            out += [turn.text[s:e] for s, e in split_sentences(turn.text)]
    return tuple(out)


def test_the_tunable_text_is_there() -> None:
    assert len(_tunable_files()) >= 60
    assert len(_sentences()) > 5000


@pytest.mark.parametrize(
    "name, pattern", [(f"{kind}/{cue.name}", cue.pattern) for kind, cues in CUES.items() for cue in cues]
)
def test_cue_matches_a_tunable_sentence(name: str, pattern: re.Pattern[str]) -> None:
    assert any(pattern.search(s.lower()) for s in _sentences()), f"cue {name} matches no training sentence"


@pytest.mark.parametrize(
    "name",
    ["_EMPLOYEES", "_REVENUE", "_STAGE", "_RAISED", "_PLACE_CUE", "_COMPANY_CUE", "_INDUSTRY", "_TOOL"],
)
def test_firmographic_pattern_matches_a_tunable_sentence(name: str) -> None:
    pattern = getattr(firmographics, name)
    assert any(pattern.search(s) for s in _sentences()), f"{name} matches no training sentence"


def test_no_tool_name_is_only_a_misspelling_from_elsewhere() -> None:
    assert "Notebook LLM" not in firmographics.TOOL_NAMES
