"""Annotated transcripts as training examples: candidate units with the gold kind each one overlaps."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from synthesis.extraction.learned.features import feature_columns
from synthesis.extraction.learned.units import Unit, candidate_units
from synthesis.ingest import parse_file

GoldSpan = tuple[str, int, int]  # kind, start, end in the file's decoded text


@dataclass(frozen=True)
class AnnotatedFile:
    """One transcript's candidates (file offsets in ``spans``), their feature columns and its gold."""

    name: str
    units: list[Unit]
    spans: list[tuple[int, int]]
    rows: list[list[int]]
    gold: list[GoldSpan]
    respondent_words: int


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters the spans share if that is >= 30% of the shorter one (score.py's rule), else 0."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared if shared > 0 and shared >= 0.3 * min(a[1] - a[0], b[1] - b[0]) else 0


def label_of(span: tuple[int, int], gold: list[GoldSpan]) -> str:
    """The kind of the gold item the span overlaps most (by score.py's rule), or "none"."""
    best, kind = 0, "none"
    for k, s, e in gold:
        shared = overlaps(span, (s, e))
        if shared > best:
            best, kind = shared, k
    return kind


def read_gold(text: str, gold_file: Path) -> list[GoldSpan]:
    """Gold items as file offsets; a quote that is not in the file is an error naming the file."""
    out = []
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            at = text.find(item["quote"])
            if at < 0:
                raise ValueError(f"{gold_file}: quote not in the transcript: {item['quote'][:60]!r}")
            out.append((item["kind"], at, at + len(item["quote"])))
    return out


def load_file(transcript: Path, gold_file: Path) -> AnnotatedFile:
    """Parse one transcript and pair its candidate units with the gold."""
    parsed = parse_file(transcript)
    units, spans = [], []
    for unit in candidate_units(parsed.turns):
        located = parsed.turns[unit.turn_index].to_source(unit.start, unit.end)
        if located is not None:
            units.append(unit)
            spans.append(located)
    words = sum(len(t.text.split()) for t in parsed.turns if t.role == "respondent")
    return AnnotatedFile(
        transcript.stem, units, spans, [feature_columns(u) for u in units],
        read_gold(parsed.text, gold_file), words,
    )


def transcript_for(gold_file: Path, search: list[Path]) -> Path:
    """The transcript a ``<stem>.gold.jsonl`` annotates: next to it, else in one of ``search``."""
    stem = gold_file.name.removesuffix(".gold.jsonl")
    for folder in [gold_file.parent, *search]:
        for path in sorted(folder.glob(stem + ".*")):
            if not path.name.endswith((".gold.jsonl", ".meta.json")):
                return path
    raise FileNotFoundError(f"no transcript for {gold_file} (looked next to it and in {search})")


def load_folder(gold_dir: Path, search: list[Path]) -> list[AnnotatedFile]:
    """Every annotated transcript under ``gold_dir`` (recursively), in name order."""
    return [load_file(transcript_for(g, search), g) for g in sorted(gold_dir.rglob("*.gold.jsonl"))]
