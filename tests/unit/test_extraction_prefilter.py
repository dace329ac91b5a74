"""Literal prefilters skip only texts a pattern cannot match: cue hits and firmographic findings are exactly
those of scanning with every pattern, and extraction of a sample transcript keeps its exact output."""

import re
from pathlib import Path

import pytest

from synthesis.extraction import firmographics
from synthesis.extraction.cues import CUES, find_cues
from synthesis.extraction.learned.scorer import SHOW_ALL
from synthesis.extraction.pipeline import Extractor, extract_turns
from synthesis.extraction.prefilter import LiteralFinder, literal_gate, required_literals
from synthesis.ingest import parse_file

SAMPLES = sorted(Path("synthesis/samples/transcripts").iterdir())
TRICKY = [
    "",
    "Nothing here at all.",
    "My team is twelve; my team's goal. I'm the VP of Sales, I report into me... reports to me",
    "We're a B2B SaaS firm, 400-ish people, $12m ARR, raised a Series B. Based in Berlin, on Salesforce.",
    "ſeries B, KELVIN K, İstanbul: we are a series-a startup headquartered out of São Paulo.",
    "i own it i run it i'm responsible for it; the problem is, it takes me three hours every week",
]


def _texts() -> list[str]:
    return [turn.text for path in SAMPLES for turn in parse_file(path).turns] + TRICKY


def test_required_literals_are_what_every_match_contains() -> None:
    assert required_literals(re.compile(r"\bi (?:own|run)\b")) == {"i own", "i run"}
    assert required_literals(re.compile(r"\b(?:problems?|mess)\b")) == {"problem", "problems", "mess"}
    assert required_literals(re.compile(r"\d+ (?:years|months)")) == {" years", " months"}
    assert required_literals(re.compile(r"\d+|\w+")) is None  # nothing literal to require
    assert required_literals(re.compile(r"(?:ab)?c*")) is None  # can match the empty string


def test_literal_finder_finds_overlapping_and_nested_literals() -> None:
    finder = LiteralFinder(["my team", "my team is", "team", "am i", "is"])
    assert finder.present("so my team is great") == {"my team", "my team is", "team", "am i", "is"}
    assert finder.present("you are out") == frozenset()
    assert finder.present("xam i") == {"am i"}


@pytest.mark.parametrize("text", _texts()[:400:7] + TRICKY)
def test_find_cues_equals_scanning_with_every_cue(text: str) -> None:
    low = text.lower()
    every = [(kind, c.name, m.start(), m.end()) for kind, cues in CUES.items() for c in cues
             for m in c.pattern.finditer(low)]
    assert [(h.kind, h.cue.name, h.start, h.end) for h in find_cues(text)] == every


def test_gates_never_hide_a_firmographic_match() -> None:
    gated = re.findall(r"_finditer\((_[A-Z_]+), text\)", Path(firmographics.__file__).read_text())
    assert len(gated) >= 6
    for pattern in (getattr(firmographics, name) for name in gated):
        gate = literal_gate(pattern)
        for text in _texts():
            if pattern.search(text):
                assert gate(text), (pattern.pattern[:60], text[:80])


def test_extraction_of_a_sample_is_pinned() -> None:
    """Exact output of the rules-plus-model extractor on one sample (update only when the model, cues or
    thresholds change on purpose: a speed-up must leave it as it is)."""
    turns = parse_file(SAMPLES[0]).turns
    found = extract_turns(turns, Extractor(threshold=SHOW_ALL))
    assert len(found) == 88
    head = [(c.kind, c.turn_index, c.start, c.end, c.confidence) for c in found[1:5]]
    assert head == [
        ("role", 5, 6, 71, 0.987),
        ("role", 5, 72, 161, 0.938),
        ("role", 5, 162, 195, 0.929),
        ("role", 5, 196, 227, 0.787),  # 0.787 since firmographics ignore team sizes
    ]
    assert found[1].reason == "learned model; cues: title, title-word; answers a role question"
