"""Learn from a consultant's review: refit the model's weights on one workspace's decisions.

Accepted suggestions teach their kind, rejected ones "none", re-kinded ones the new kind, added insights the
kind given. The fit starts from the shipped weights and is pulled back towards them (an L2 penalty on the
change, stronger for features many decisions share), touching only the content columns the decisions use,
so it takes milliseconds and cannot drift far from what cross-validation measured. Temperature and
threshold stay as trained.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np

from synthesis.extraction.learned.features import column
from synthesis.extraction.learned.fit import targets
from synthesis.extraction.learned.model import LABELS, ExtractorModel, softmax

STEPS = 60
STEP_SIZE = 0.5
ANCHOR = 1.0
POWER = 1.0
"""Penalty on a column's distance from the shipped weights: ANCHOR * (decisions using it) ** POWER.
Chosen by the review simulation on cross-validation folds (synthesis/extraction/learned/simulate.py)."""


def adapt(
    model: ExtractorModel, rows: Sequence[Sequence[int]], labels: Sequence[str], *, steps: int = STEPS
) -> ExtractorModel:
    """The model refitted on reviewed examples (``rows`` of feature columns, ``labels`` their gold kinds)."""
    if not rows:
        return model
    columns = np.array(sorted({c for r in rows for c in r} - shared_columns()), dtype=np.int64)
    local = {c: i for i, c in enumerate(columns.tolist())}
    x = np.zeros((len(rows), len(columns)))
    for i, r in enumerate(rows):
        x[i, [local[c] for c in r if c in local]] = 1.0
    y = targets(labels)
    base = model.weights[columns].astype(np.float64)
    fixed = model.logits([[c for c in r if c not in local] for r in rows])  # the part the update keeps
    w = base.copy()
    n = len(rows)
    anchor = ANCHOR * x.sum(axis=0)[:, None] ** POWER  # features in many decisions move least
    for _ in range(steps):
        g = (softmax(x @ w + fixed) - y) / n
        w -= STEP_SIZE * (x.T @ g + anchor * (w - base)) / (1.0 + STEP_SIZE * anchor)  # stable for any anchor
    weights = model.weights.copy()
    weights[columns] = w.astype(weights.dtype)
    return replace(model, weights=weights)


@lru_cache(maxsize=1)
def shared_columns() -> frozenset[int]:
    """Columns of features every candidate has (bias, length, position, question kind): never refitted,
    since decisions on a workspace's top suggestions are no sample of its candidates as a whole."""
    names = ["bias", "sentence", "clause", *(f"len:{x}" for x in ("xs", "s", "m", "l", "xl")),
             *(f"pos:{i}" for i in range(5)), *(f"rank:{i}" for i in range(3)),
             *(f"q:{k}" for k in (*LABELS[:-1], "-"))]
    return frozenset(column(name) for name in names)
