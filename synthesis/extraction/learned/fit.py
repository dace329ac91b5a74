"""Fit a multinomial logistic regression on sparse binary features with numpy alone (deterministic)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from synthesis.extraction.learned.features import DIM
from synthesis.extraction.learned.model import LABELS, ExtractorModel, softmax

L2 = 1e-2
ITERATIONS = 200
LEARNING_RATE = 0.05
BALANCE = 0.5


class SparseRows:
    """Rows of binary features as flat column indices, with products against a weight matrix."""

    def __init__(self, rows: Sequence[Sequence[int]]) -> None:
        self.lengths = np.array([len(r) for r in rows], dtype=np.int64)
        self.flat = np.array([c for r in rows for c in r], dtype=np.int64)
        self.row_of = np.repeat(np.arange(len(rows)), self.lengths)
        self.starts = np.concatenate(([0], np.cumsum(self.lengths)[:-1]))

    def times(self, weights: np.ndarray) -> np.ndarray:
        """X @ W."""
        return np.add.reduceat(weights[self.flat], self.starts, axis=0)

    def transpose_times(self, g: np.ndarray) -> np.ndarray:
        """X.T @ G, one column at a time (bincount is fast and exact)."""
        per_nonzero = g[self.row_of]
        return np.stack(
            [np.bincount(self.flat, weights=per_nonzero[:, c], minlength=DIM) for c in range(g.shape[1])],
            axis=1,
        )


def targets(labels: Sequence[str]) -> np.ndarray:
    """One-hot rows over ``LABELS``."""
    y = np.zeros((len(labels), len(LABELS)))
    y[np.arange(len(labels)), [LABELS.index(k) for k in labels]] = 1.0
    return y


def balanced(y: np.ndarray, power: float) -> np.ndarray:
    """Row weights ``(n / (classes * count of the row's class)) ** power``: rare kinds count more."""
    counts = y.sum(axis=0)
    per_class = np.where(counts > 0, len(y) / (len(LABELS) * np.maximum(counts, 1)), 0.0) ** power
    return y @ per_class


def fit(rows: Sequence[Sequence[int]], labels: Sequence[str], *, l2: float = L2,
        iterations: int = ITERATIONS, balance: float = BALANCE) -> ExtractorModel:
    """Full-batch Adam on weighted cross-entropy plus L2; it starts from zeros, so it is reproducible."""
    x, y = SparseRows(rows), targets(labels)
    row_weight = balanced(y, balance)[:, None]
    n = row_weight.sum()
    w = np.zeros((DIM, len(LABELS)))
    b = np.log(y.mean(axis=0) + 1e-6)
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, iterations + 1):
        g = row_weight * (softmax(x.times(w) + b) - y) / n
        grads = (x.transpose_times(g) + l2 * w, g.sum(axis=0))
        for i, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m, v = moments[2 * i], moments[2 * i + 1]
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= LEARNING_RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return ExtractorModel(w.astype(np.float32), b)
