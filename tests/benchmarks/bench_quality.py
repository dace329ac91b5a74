"""Extraction quality: `groundwork extract-file` on every gold-annotated eval transcript, scored by score.py.

Writes <stem>.pred.jsonl into build/quality/, mirroring ../shared/eval's sub-folders, then prints
score.py's table for all files and for real/ and written/ separately.
Usage: python tests/benchmarks/bench_quality.py [PRED_DIR] [-- extra extract-file options, e.g. --no-model]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
GROUNDWORK = Path(sys.executable).with_name("groundwork")


def source_of(gold: Path) -> Path:
    """The transcript a ``<stem>.gold.jsonl`` annotates."""
    stem = gold.name.removesuffix(".gold.jsonl")
    return next(
        p for p in gold.parent.glob(stem + ".*") if not p.name.endswith((".gold.jsonl", ".meta.json"))
    )


def main() -> None:
    args = sys.argv[1:]
    extra = args[args.index("--") + 1 :] if "--" in args else []
    positional = args[: args.index("--")] if "--" in args else args
    pred_dir = Path(positional[0]) if positional else ROOT / "build" / "quality"
    started = time.perf_counter()
    for gold in sorted(EVAL.rglob("*.gold.jsonl")):
        out = pred_dir / gold.parent.relative_to(EVAL) / gold.name.replace(".gold.jsonl", ".pred.jsonl")
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            subprocess.run(
                [str(GROUNDWORK), "extract-file", str(source_of(gold)), "--format", "jsonl", *extra],
                stdout=handle,
                check=True,
            )
    print(f"predictions in {pred_dir} ({time.perf_counter() - started:.1f} s)")
    for sub in ("", "real", "written"):
        print(f"\n== {sub or 'all'}", flush=True)
        subprocess.run(
            [sys.executable, str(EVAL / "score.py"), str(EVAL / sub), str(pred_dir / sub)], check=True
        )


if __name__ == "__main__":
    main()
