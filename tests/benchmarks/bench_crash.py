"""Crash safety: kill -9 ``groundwork extract`` at random points, then check the workspace and resume it.

Each trial copies a freshly imported workspace, starts a rules-only extraction with tiny chunks
(``GROUNDWORK_RULES_CHUNK_TOKENS``), SIGKILLs it at a random moment, checks ``PRAGMA integrity_check``, that
no insight lacks evidence and that every recorded chunk holds exactly its insights, then resumes the run and
compares its evidence set with an uninterrupted run's.
Then kills ``groundwork export`` writing over an existing report, half the time at a random moment of the
whole command, half while the report file is being saved: the target must be the old file or a whole new one.
Usage: python tests/benchmarks/bench_crash.py [--trials N] [--export-trials N] [--seed S]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.reliability.crash import build_workspace, random_delays, reference_run, run_trial
from tests.reliability.export_crash import (
    SAVE_SECONDS,
    build_export_workspace,
    run_export_trial,
    timed_export,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--export-trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = build_workspace(folder / "base.groundwork")
        reference, seconds = reference_run(base, folder)
        print(f"uninterrupted run: {len(reference)} insights in {seconds:.1f} s")
        failures = 0
        started = time.perf_counter()
        for number, delay in enumerate(random_delays(args.trials, seconds, args.seed), start=1):
            result = run_trial(base, folder, delay, reference)
            ok = result.resumed_equal and not result.problems
            failures += not ok
            print(
                f"trial {number:2d}: killed {delay:5.2f} s after the run started, "
                f"{result.chunks_before_kill} chunks / {result.insights_before_kill} insights stored; "
                f"resumed equal: {result.resumed_equal}; problems: {result.problems or 'none'}"
            )
    print(f"{args.trials} extraction trials, {failures} failed, in {time.perf_counter() - started:.0f} s")
    return 1 if failures + export_trials(args.export_trials, args.seed) else 0


def export_trials(count: int, seed: int) -> int:
    """Run the export kill trials; returns how many left a corrupt target."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workspace = build_export_workspace(folder / "export.groundwork")
        seconds = timed_export(workspace, folder / "reference.docx")
        print(f"uninterrupted export: {seconds:.1f} s")
        halves = [(False, d) for d in random_delays(count - count // 2, seconds, seed)]
        halves += [(True, d) for d in random_delays(count // 2, SAVE_SECONDS, seed)]
        corrupt = 0
        for number, (while_saving, delay) in enumerate(halves, start=1):
            trial = run_export_trial(workspace, folder, delay, while_saving=while_saving)
            corrupt += trial.outcome == "corrupt"
            moment = "after the temporary file appeared" if while_saving else "after the start"
            print(
                f"export trial {number:2d}: killed {delay:.3f} s {moment}: target {trial.outcome}, "
                f"{trial.leftovers} temporary files left"
            )
    print(f"{count} export trials, {corrupt} left a corrupt target")
    return corrupt


if __name__ == "__main__":
    sys.exit(main())
