"""Cross-validation grouped by file: out-of-fold scores, calibration, threshold, and score.py's metrics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from synthesis.extraction.cues import KINDS
from synthesis.extraction.learned.dataset import AnnotatedFile, GoldSpan, label_of, overlaps
from synthesis.extraction.learned.decode import decode
from synthesis.extraction.learned.fit import fit
from synthesis.extraction.learned.model import LABELS, ExtractorModel, softmax

FOLDS = 5
TARGET_PRECISION = 0.6
Prediction = tuple[str, int, int, float]  # kind, start, end (file offsets), confidence


def fold_models(
    files: Sequence[AnnotatedFile], folds: int = FOLDS, trainer: Callable[..., ExtractorModel] = fit
) -> list[ExtractorModel]:
    """One model per fold, trained on every file outside it (file i is in fold i % folds)."""
    models = []
    for fold in range(folds):
        train = [f for i, f in enumerate(files) if i % folds != fold]
        models.append(trainer([r for f in train for r in f.rows], [k for f in train for k in labels_of(f)]))
    return models


def out_of_fold_logits(
    files: Sequence[AnnotatedFile], folds: int = FOLDS, trainer: Callable[..., ExtractorModel] = fit
) -> list[np.ndarray]:
    """Logits for every file from the model of its fold, which never saw it."""
    models = fold_models(files, folds, trainer)
    return [models[i % folds].logits(f.rows) for i, f in enumerate(files)]


def labels_of(f: AnnotatedFile) -> list[str]:
    return [label_of(span, f.gold) for span in f.spans]


def fit_temperature(logits: np.ndarray, labels: Sequence[str]) -> float:
    """The temperature minimising the negative log-likelihood of ``labels`` (a grid, so deterministic)."""
    index = np.array([LABELS.index(k) for k in labels])
    grid = np.round(np.arange(0.3, 4.001, 0.02), 2)
    nll = [-np.log(softmax(logits / t)[np.arange(len(index)), index] + 1e-12).mean() for t in grid]
    return float(grid[int(np.argmin(nll))])


def predictions(f: AnnotatedFile, probabilities: np.ndarray, threshold: float) -> list[Prediction]:
    spans = {(u.turn_index, u.start, u.end): s for u, s in zip(f.units, f.spans, strict=True)}
    return [
        (s.kind, *spans[(s.unit.turn_index, s.unit.start, s.unit.end)], s.confidence)
        for s in decode(f.units, probabilities, threshold)
    ]


def matched(gold: Sequence[GoldSpan], preds: Sequence[Prediction]) -> set[int]:
    """Indices of predictions matched one-to-one to gold items, largest overlaps first (score.py's rule)."""
    pairs = sorted(
        ((overlaps((gs, ge), (ps, pe)), gi, pi) for gi, (gk, gs, ge) in enumerate(gold)
         for pi, (pk, ps, pe, _) in enumerate(preds) if gk == pk),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for shared, gi, pi in pairs:
        if shared and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return used_p


@dataclass(frozen=True)
class Scores:
    """Per-kind counts and score.py's figures."""

    tp: dict[str, int]
    predicted: dict[str, int]
    gold: dict[str, int]

    def precision(self, kind: str) -> float:
        return self.tp[kind] / self.predicted[kind] if self.predicted[kind] else 0.0

    def recall(self, kind: str) -> float:
        return self.tp[kind] / self.gold[kind] if self.gold[kind] else 0.0

    def f1(self, kind: str) -> float:
        p, r = self.precision(kind), self.recall(kind)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def macro_f1(self) -> float:
        scored = [k for k in KINDS if self.gold[k]]
        return sum(self.f1(k) for k in scored) / len(scored) if scored else 0.0

    @property
    def micro_precision(self) -> float:
        total = sum(self.predicted.values())
        return sum(self.tp.values()) / total if total else 0.0


def score(files: Sequence[AnnotatedFile], probabilities: Sequence[np.ndarray], threshold: float) -> Scores:
    tp, predicted, gold = ({k: 0 for k in KINDS} for _ in range(3))
    for f, probs in zip(files, probabilities, strict=True):
        preds = predictions(f, probs, threshold)
        for pi in matched(f.gold, preds):
            tp[preds[pi][0]] += 1
        for p in preds:
            predicted[p[0]] += 1
        for g in f.gold:
            gold[g[0]] += 1
    return Scores(tp, predicted, gold)


def choose_threshold(
    files: Sequence[AnnotatedFile], probabilities: Sequence[np.ndarray], target: float = TARGET_PRECISION
) -> float:
    """The lowest threshold (most recall) whose cross-validated precision reaches ``target``."""
    for t in np.round(np.arange(0.20, 0.951, 0.01), 2):
        if score(files, probabilities, float(t)).micro_precision >= target:
            return float(t)
    return 0.95


def reliability(
    files: Sequence[AnnotatedFile], probabilities: Sequence[np.ndarray], bins: int = 10
) -> tuple[list[tuple[float, float, float, int]], float]:
    """Rows (bin low, mean confidence, fraction right, count) over every sentence's best kind; and the ECE."""
    conf, right = [], []
    for f, probs in zip(files, probabilities, strict=True):
        for kind, start, end, c in predictions(f, probs, 0.0):
            conf.append(c)
            right.append(label_of((start, end), [g for g in f.gold if g[0] == kind]) == kind)
    confidence, correct = np.array(conf), np.array(right, dtype=float)
    rows, ece = [], 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = (confidence >= low) & ((confidence < high) | (b == bins - 1))
        if inside.any():
            mean_c, frac = float(confidence[inside].mean()), float(correct[inside].mean())
            rows.append((low, mean_c, frac, int(inside.sum())))
            ece += inside.sum() / len(confidence) * abs(mean_c - frac)
    return rows, float(ece)
