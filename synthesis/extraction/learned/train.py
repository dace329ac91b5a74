"""Train the extractor (``make train-extractor``): cross-validate, calibrate, choose the threshold, save.

Inputs: training/annotations/**/<stem>.gold.jsonl with the transcripts next to them or in the corpus folder
(../shared/corpus/anthropic-interviewer), and training/written/ when present. Never ../shared/eval.
Same inputs, same weights: files are read in name order, folds are fixed, the fit starts from zeros.
Usage: python -m synthesis.extraction.learned.train [--out PATH]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from synthesis.extraction.learned.crossval import (
    choose_threshold,
    fit_temperature,
    labels_of,
    out_of_fold_logits,
    reliability,
    score,
)
from synthesis.extraction.learned.dataset import AnnotatedFile, load_folder
from synthesis.extraction.learned.fit import fit
from synthesis.extraction.learned.model import WEIGHTS_FILE, ExtractorModel, softmax

ROOT = Path(__file__).resolve().parents[3]
TRAINING = ROOT / "training"
CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"
DEFAULT_OUT = Path(__file__).resolve().parent / "weights" / WEIGHTS_FILE


def training_files(training: Path = TRAINING, corpus: Path = CORPUS) -> list[AnnotatedFile]:
    """Every annotated training transcript: the annotated corpus, then the written calls if present."""
    files = load_folder(training / "annotations" / "anthropic-interviewer", [corpus])
    written = training / "written"
    if written.is_dir():
        files += load_folder(written, [])
    return files


def calibrated_cv(files: list[AnnotatedFile]) -> tuple[list[np.ndarray], float, float]:
    """Out-of-fold calibrated probabilities per file, the temperature and the default threshold."""
    logits = out_of_fold_logits(files)
    temperature = fit_temperature(np.vstack(logits), [k for f in files for k in labels_of(f)])
    probabilities = [softmax(z / temperature) for z in logits]
    return probabilities, temperature, choose_threshold(files, probabilities)


def train(files: list[AnnotatedFile]) -> tuple[ExtractorModel, list[np.ndarray]]:
    """The final model on every file, carrying the cross-validated temperature and threshold."""
    probabilities, temperature, threshold = calibrated_cv(files)
    model = fit([r for f in files for r in f.rows], [k for f in files for k in labels_of(f)])
    return replace(model, temperature=temperature, threshold=threshold), probabilities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    files = training_files()
    model, probabilities = train(files)
    scores = score(files, probabilities, model.threshold)
    _, ece = reliability(files, probabilities)
    model.save(args.out)
    print(f"{len(files)} files, temperature {model.temperature}, threshold {model.threshold}, "
          f"CV macro F1 {scores.macro_f1:.3f}, precision {scores.micro_precision:.3f}, ECE {ece:.3f}")
    print(f"weights: {args.out}")


if __name__ == "__main__":
    main()
