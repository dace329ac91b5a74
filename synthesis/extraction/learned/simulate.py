"""Simulate learning from review: gold decisions on a workspace's first suggestions, then score the rest.

A workspace is one cross-validation fold's files (its model never saw them), read in name order. The
consultant's decisions on the first ``decisions`` suggestions come from the gold (accept when the kind is
right, re-kind when another kind is, reject otherwise); the model is adapted on them; precision and recall
are then measured on everything after the last decided suggestion, with and without the update.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from synthesis.extraction.learned.crossval import FOLDS, Prediction, fold_models, matched, predictions
from synthesis.extraction.learned.dataset import AnnotatedFile, label_of
from synthesis.extraction.learned.model import ExtractorModel
from synthesis.extraction.learned.review import adapt

DECISIONS = 30


@dataclass
class Tally:
    """Matched, predicted and gold counts over the undecided rest of every workspace."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: Sequence[tuple[str, int, int]], preds: Sequence[Prediction]) -> None:
        self.tp += len(matched(gold, preds))
        self.predicted += len(preds)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0


def _decisions(
    files: Sequence[AnnotatedFile], model: ExtractorModel, count: int
) -> tuple[list[list[int]], list[str], dict[str, int]]:
    """Rows and gold labels of the first ``count`` suggestions, and per decided file where its rest starts."""
    rows: list[list[int]] = []
    labels: list[str] = []
    rest_from: dict[str, int] = {}
    for f in files:
        index_of = {span: i for i, span in enumerate(f.spans)}
        for _, start, end, _ in predictions(f, model.probabilities(f.rows), model.threshold):
            if len(labels) == count:
                return rows, labels, rest_from
            rows.append(f.rows[index_of[(start, end)]])
            labels.append(label_of((start, end), f.gold))
            rest_from[f.name] = end
    return rows, labels, rest_from


def _rest(f: AnnotatedFile, model: ExtractorModel, after: int) -> tuple[list, list[Prediction]]:
    gold = [g for g in f.gold if g[1] >= after]
    preds = [p for p in predictions(f, model.probabilities(f.rows), model.threshold) if p[1] >= after]
    return gold, preds


def simulate(
    files: Sequence[AnnotatedFile], temperature: float, threshold: float, decisions: int = DECISIONS
) -> tuple[Tally, Tally]:
    """(without update, with update) over the undecided rest of every fold's workspace."""
    before, after = Tally(), Tally()
    for fold, model in enumerate(fold_models(files, FOLDS)):
        base = replace(model, temperature=temperature, threshold=threshold)
        workspace = [f for i, f in enumerate(files) if i % FOLDS == fold]
        rows, labels, rest_from = _decisions(workspace, base, decisions)
        updated = adapt(base, rows, labels)
        for f in workspace:
            start = rest_from.get(f.name, 0)
            before.add(*_rest(f, base, start))
            after.add(*_rest(f, updated, start))
    return before, after

