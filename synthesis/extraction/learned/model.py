"""The trained extractor weights: load them and turn candidate features into calibrated probabilities."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

import numpy as np

from synthesis.extraction.cues import KINDS

LABELS = (*KINDS, "none")
"""The classes the model scores: the six insight kinds and "none" (last)."""

WEIGHTS_FILE = "extractor.npz"


@dataclass(frozen=True)
class ExtractorModel:
    """A multinomial logistic regression over hashed features, with its calibration and threshold.

    ``temperature`` divides the logits (fitted on cross-validated outputs); ``threshold`` is the calibrated
    confidence a suggestion needs to be shown by default (chosen on cross-validation for precision >= 0.6).
    """

    weights: np.ndarray  # (DIM, len(LABELS)) float32
    bias: np.ndarray  # (len(LABELS),)
    temperature: float = 1.0
    threshold: float = 0.5

    def logits(self, rows: list[list[int]]) -> np.ndarray:
        """Raw scores, one row per candidate (columns as in ``LABELS``)."""
        if not rows:
            return np.zeros((0, len(LABELS)), dtype=np.float64)
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lengths.sum()))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        summed = np.add.reduceat(self.weights[flat].astype(np.float64), starts, axis=0)
        summed[lengths == 0] = 0.0
        return summed + self.bias

    def probabilities(self, rows: list[list[int]]) -> np.ndarray:
        """Calibrated class probabilities, one row per candidate."""
        return softmax(self.logits(rows) / self.temperature)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float64),
            temperature=np.float64(self.temperature), threshold=np.float64(self.threshold),
            labels=np.array(LABELS),
        )


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large scores."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def read_model(path: Path) -> ExtractorModel:
    """Load weights saved by ``ExtractorModel.save``; a file for other labels is refused."""
    with np.load(path) as data:
        if tuple(str(x) for x in data["labels"]) != LABELS:
            raise ValueError(f"{path}: trained for labels {list(data['labels'])}, expected {list(LABELS)}")
        return ExtractorModel(
            data["weights"].astype(np.float32), data["bias"].astype(np.float64),
            float(data["temperature"]), float(data["threshold"]),
        )


@lru_cache(maxsize=1)
def bundled_model() -> ExtractorModel:
    """The extractor trained by ``make train-extractor`` and shipped in the package."""
    ref = resources.files("synthesis.extraction.learned").joinpath("weights", WEIGHTS_FILE)
    with resources.as_file(ref) as path:
        return read_model(path)
