"""Extraction quality: cross-validation on the training data, calibration, the eval check, suggestion volume.

Prints (1) macro F1 and per-kind precision/recall of the learned extractor, cross-validated by file on
training/ (the figures the threshold was chosen on), (2) the reliability table and expected calibration
error of those cross-validated confidences, (3) the ../shared/eval check: the shipped extractor (trained on
training/ only, never on eval) scored by ../shared/eval/score.py, for all files and real/ and written/ apart,
(4) suggestions per 1,000 respondent words before (the hand-weighted rules) and after, and (5) the
learns-from-review simulation.
Usage: python tests/benchmarks/bench_quality.py [PRED_DIR]
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from synthesis.extraction.cues import KINDS
from synthesis.extraction.learned.crossval import reliability, score
from synthesis.extraction.learned.dataset import transcript_for
from synthesis.extraction.learned.model import bundled_model
from synthesis.extraction.learned.scorer import learned_candidates
from synthesis.extraction.learned.simulate import DECISIONS, simulate
from synthesis.extraction.learned.train import calibrated_cv, training_files
from synthesis.extraction.rules import Candidate, extract_candidates
from synthesis.ingest import parse_file
from synthesis.transcript import ParsedTurn

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
Extract = Callable[[Sequence[ParsedTurn]], list[Candidate]]


def cross_validation() -> None:
    started = time.perf_counter()
    files = training_files()
    probabilities, temperature, threshold = calibrated_cv(files)
    result = score(files, probabilities, threshold)
    shipped = bundled_model()
    print(f"== cross-validation on training/ ({len(files)} files, 5 folds grouped by file, "
          f"{time.perf_counter() - started:.0f} s)")
    print(f"temperature {temperature}, threshold {threshold} (shipped weights: {shipped.temperature}, "
          f"{shipped.threshold})")
    print(f"{'kind':<11}{'gold':>6}{'pred':>6}{'tp':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for k in KINDS:
        print(f"{k:<11}{result.gold[k]:>6}{result.predicted[k]:>6}{result.tp[k]:>5}"
              f"{result.precision(k):>7.3f}{result.recall(k):>7.3f}{result.f1(k):>7.3f}")
    print(f"CV macro F1 {result.macro_f1:.3f}  precision (all kinds) {result.micro_precision:.3f}")
    for source, picked in (("real interviews (corpus)", lambda f: f.name.isdigit()),
                           ("written calls", lambda f: not f.name.isdigit())):
        part = [i for i, f in enumerate(files) if picked(f)]
        sub = score([files[i] for i in part], [probabilities[i] for i in part], threshold)
        print(f"  {source}: {len(part)} files, CV macro F1 {sub.macro_f1:.3f}, "
              f"precision {sub.micro_precision:.3f}")
    table, ece = reliability(files, probabilities)
    print("\nreliability (every sentence's most likely kind, cross-validated):")
    print(f"{'bin':<10}{'mean conf':>10}{'right':>8}{'n':>6}")
    for low, conf, right, n in table:
        print(f"{low:.1f}-{low + 0.1:.1f}   {conf:>10.3f}{right:>8.3f}{n:>6}")
    print(f"expected calibration error {ece:.3f}")
    words = sum(f.respondent_words for f in files)
    print(f"training data: {words} respondent words; cross-validated suggestions per 1,000 words: "
          f"{1000 * sum(result.predicted.values()) / words:.1f}")


def review_simulation() -> None:
    files = training_files()
    _, temperature, threshold = calibrated_cv(files)
    without, with_update = simulate(files, temperature, threshold)
    print(f"\n== learns-from-review simulation (gold decisions on the first {DECISIONS} suggestions of each "
          "cross-validation fold's files; scored on the rest)")
    for name, t in (("without update", without), ("with update", with_update)):
        print(f"{name:<15} precision {t.precision:.3f}  recall {t.recall:.3f}  ({t.predicted} suggestions)")


def _write_predictions(extract: Extract, pred_dir: Path) -> tuple[int, int]:
    """Predictions for every eval transcript in score.py's layout; returns (suggestions, respondent words)."""
    count = words = 0
    for gold in sorted(EVAL.rglob("*.gold.jsonl")):
        parsed = parse_file(transcript_for(gold, []))
        words += sum(len(t.text.split()) for t in parsed.turns if t.role == "respondent")
        lines = []
        for c in extract(parsed.turns):
            located = parsed.turns[c.turn_index].to_source(c.start, c.end)
            if located is not None:
                s, e = located
                record = {"kind": c.kind, "quote": parsed.text[s:e], "start": s, "end": e,
                          "confidence": c.confidence}
                lines.append(json.dumps(record, ensure_ascii=False))
        count += len(lines)
        out = pred_dir / gold.parent.relative_to(EVAL) / gold.name.replace(".gold.jsonl", ".pred.jsonl")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return count, words


def _score(sub: str, pred_dir: Path) -> dict:
    run = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / sub), str(pred_dir / sub), "--json"],
        check=True, capture_output=True, text=True,
    )
    return json.loads(run.stdout)


def eval_check(pred_dir: Path) -> None:
    print("\n== ../shared/eval check (never trained or tuned on)")
    for name, extract in (("before: hand-weighted rules", extract_candidates),
                          ("after: learned, default threshold", learned_candidates)):
        out = pred_dir / name.split(":")[0]
        count, words = _write_predictions(extract, out)
        print(f"-- {name}: {count} suggestions, {1000 * count / words:.1f} per 1,000 respondent words")
        for sub in ("", "real", "written"):
            r = _score(sub, out)
            kinds = "  ".join(f"{k} {v['precision']:.2f}/{v['recall']:.2f}" for k, v in r["per_kind"].items())
            print(f"   {sub or 'all':<8} macro F1 {r['macro_f1']:.3f}  "
                  f"violations {r['evidence_violations']}  P/R {kinds}")


def main() -> None:
    pred_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "quality"
    cross_validation()
    eval_check(pred_dir)
    review_simulation()


if __name__ == "__main__":
    main()
