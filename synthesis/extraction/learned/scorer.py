"""Extraction with the trained model: score every candidate unit, keep what clears the threshold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from synthesis.extraction.firmographics import Firmographic
from synthesis.extraction.learned.decode import Suggestion, decode
from synthesis.extraction.learned.features import feature_columns
from synthesis.extraction.learned.model import LABELS, ExtractorModel, bundled_model
from synthesis.extraction.learned.units import Context, Unit, candidate_units
from synthesis.extraction.rules import Candidate
from synthesis.transcript import ParsedTurn

SHOW_ALL = 0.0
"""Threshold that keeps every candidate (``extract-file --all``)."""


def _reason(unit: Unit, kind: str) -> str:
    parts = [f"learned model; cues: {', '.join(n for k, n in unit.cue_kinds if k == kind)}"
             if any(k == kind for k, _ in unit.cue_kinds) else "learned model"]
    if unit.question_kind == kind:
        parts.append(f"answers a {kind} question")
    if kind == "company" and unit.fields:
        parts.append(f"firmographics: {', '.join(unit.fields)}")
    return "; ".join(parts)


def _candidate(turns: Sequence[ParsedTurn], s: Suggestion) -> Candidate:
    u = s.unit
    quote = turns[u.turn_index].text[u.start : u.end]
    return Candidate(s.kind, u.turn_index, u.start, u.end, quote, round(s.confidence, 3), _reason(u, s.kind))


def learned_candidates(
    turns: Sequence[ParsedTurn],
    firmographics: Sequence[Firmographic] | None = None,
    *,
    threshold: float | None = None,
    model: ExtractorModel | None = None,
) -> list[Candidate]:
    """Candidates whose calibrated confidence clears ``threshold`` (default: the model's own).

    ``firmographics``: the transcript's, when the caller has already extracted them (else found here).
    """
    model = model or bundled_model()
    units = candidate_units(turns, Context(turns, firmographics))
    probabilities = model.probabilities([feature_columns(u) for u in units])
    cut = model.threshold if threshold is None else threshold
    return [_candidate(turns, s) for s in decode(units, probabilities, cut)]


def calibrate_candidates(
    turns: Sequence[ParsedTurn],
    candidates: Sequence[Candidate],
    *,
    threshold: float | None = None,
    model: ExtractorModel | None = None,
) -> list[Candidate]:
    """Give candidates made elsewhere (a language model's) the calibrated confidence of their own kind.

    Each span is scored as the smallest candidate unit (clause or sentence) that holds it, the kind of text
    the model was trained on; candidates below ``threshold`` (default: the model's own) are dropped, so
    model-led output meets the same bar as the rules.
    """
    model = model or bundled_model()
    cut = model.threshold if threshold is None else threshold
    context = Context(turns)
    units = candidate_units(turns, context)
    rows = [feature_columns(_unit_for(context, units, c)) for c in candidates]
    probabilities = model.probabilities(rows) if rows else np.zeros((0, len(LABELS)))
    out = []
    for c, row in zip(candidates, probabilities, strict=True):
        confidence = float(row[LABELS.index(c.kind)]) if c.kind in LABELS else 0.0
        if confidence >= cut:
            out.append(replace(c, confidence=round(confidence, 3)))
    return out


def _unit_for(context: Context, units: Sequence[Unit], c: Candidate) -> Unit:
    """The shortest unit holding the candidate's span; else the span itself, placed like its turn's units."""
    same_turn = [u for u in units if u.turn_index == c.turn_index]
    holding = [u for u in same_turn if u.start <= c.start and c.end <= u.end]
    if holding:
        return min(holding, key=lambda u: u.end - u.start)
    near = min(same_turn, key=lambda u: abs(u.start - c.start), default=None)
    if near is None:
        return context.unit(c.turn_index, c.start, c.end)
    return context.unit(c.turn_index, c.start, c.end, sentence=near.sentence, position=near.position,
                        rank=near.rank_in_turn)
