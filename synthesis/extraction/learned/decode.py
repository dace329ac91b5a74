"""From per-unit probabilities to suggestions: one kind per sentence, or its clauses when they differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

import numpy as np

from synthesis.extraction.learned.model import LABELS
from synthesis.extraction.learned.units import Unit

_KIND_COLUMNS = len(LABELS) - 1  # every label but "none"


@dataclass(frozen=True)
class Suggestion:
    """One scored span: ``unit`` with its most likely kind and that kind's calibrated probability."""

    unit: Unit
    kind: str
    confidence: float


def _best(unit: Unit, row: np.ndarray) -> Suggestion:
    column = int(np.argmax(row[:_KIND_COLUMNS]))
    return Suggestion(unit, LABELS[column], float(row[column]))


def decode(units: Sequence[Unit], probabilities: np.ndarray, threshold: float) -> list[Suggestion]:
    """Suggestions at or above ``threshold`` (0 keeps every sentence), in reading order.

    A sentence is suggested whole unless two or more of its clauses clear the threshold with different
    kinds: then those clauses are suggested instead (one span, one kind).
    """
    scored = [_best(u, row) for u, row in zip(units, probabilities, strict=True)]
    out: list[Suggestion] = []
    for _, group in groupby(scored, key=lambda s: s.unit.sentence):
        items = list(group)
        whole = [s for s in items if not s.unit.is_clause]
        clauses = [s for s in items if s.unit.is_clause and s.confidence >= threshold]
        if len({s.kind for s in clauses}) > 1:
            out.extend(clauses)
        else:
            out.extend(s for s in whole if s.confidence >= threshold)
    return out
