"""Candidate units for the learned extractor: respondent sentences and their clauses, with their context.

A unit is a span of one respondent turn (``turns[turn_index].text[start:end]``) plus what the features need:
the cue hits and firmographic findings inside it, the kind of the interviewer question it answers (context,
never a verdict), and where it sits in the interview.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from synthesis.extraction.cues import CueHit, find_cues
from synthesis.extraction.firmographics import extract_firmographics
from synthesis.extraction.questions import question_priors
from synthesis.extraction.rules import is_small_talk
from synthesis.extraction.segment import respondent_sentences, split_clauses
from synthesis.transcript import ParsedTurn


@dataclass(frozen=True)
class Unit:
    """One candidate span and its context; ``sentence`` numbers the sentence it belongs to."""

    turn_index: int
    start: int
    end: int
    sentence: int
    is_clause: bool
    text: str
    cue_kinds: tuple[tuple[str, str], ...]  # (kind, cue name) of every cue inside the span
    fields: tuple[str, ...]  # firmographic fields found inside the span
    question_kind: str | None
    position: float  # 0 at the first respondent sentence, 1 at the last
    rank_in_turn: int  # 0 for a turn's first sentence


def _inside(hits: Sequence[CueHit], start: int, end: int) -> tuple[tuple[str, str], ...]:
    return tuple(sorted({(h.kind, h.cue.name) for h in hits if start <= h.start and h.end <= end}))


def candidate_units(turns: Sequence[ParsedTurn]) -> list[Unit]:
    """Every substantive respondent sentence, and its clauses when it has more than one, in reading order."""
    priors = question_priors(turns)
    findings: dict[int, list[tuple[int, int, str]]] = {}
    for f in extract_firmographics(turns):
        findings.setdefault(f.turn_index, []).append((f.start, f.end, f.field))
    sentences = [
        s for s in respondent_sentences(turns)
        if not is_small_talk(s.text) and not s.text.rstrip().endswith("?")
    ]
    hits: dict[int, list[CueHit]] = {}
    units: list[Unit] = []
    rank: dict[int, int] = {}
    last = max(len(sentences) - 1, 1)
    for number, sentence in enumerate(sentences):
        index = sentence.turn_index
        text = turns[index].text
        if index not in hits:
            hits[index] = find_cues(text)
        spans = [(sentence.start, sentence.end, False)]
        clauses = split_clauses(text, sentence.start, sentence.end)
        if len(clauses) > 1:
            spans += [(s, e, True) for s, e in clauses]
        for start, end, is_clause in spans:
            fields = tuple(sorted({f for s, e, f in findings.get(index, ()) if start <= s and e <= end}))
            units.append(
                Unit(index, start, end, number, is_clause, text[start:end], _inside(hits[index], start, end),
                     fields, priors.get(index), number / last, rank.get(index, 0))
            )
        rank[index] = rank.get(index, 0) + 1
    return units
