"""Concurrent writers: two ``groundwork extract`` at once, two ``groundwork import`` of one folder at once.

Each extraction trial copies a freshly imported workspace (the sample transcripts) and starts two rules-only
extractions with tiny chunks at the same moment: each must complete or exit 75 with "another Groundwork is
extracting this workspace", no traceback, and no two extracted insights may share kind and evidence span.
Each import trial starts two imports of the sample folder into a new workspace: both exit 0, no traceback,
each file stored once.
Usage: python tests/benchmarks/bench_concurrent.py [--trials N] [--import-trials N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.database import create_workspace
from synthesis.importer import import_paths
from tests.reliability.concurrency import (
    BUSY_EXIT,
    SAMPLES,
    duplicate_groups,
    extraction_problems,
    insight_count,
    interview_count,
    two_extractions,
    two_imports,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--import-trials", type=int, default=10)
    args = parser.parse_args()
    return extraction_trials(args.trials) + import_trials(args.import_trials)


def extraction_trials(count: int) -> int:
    """Run the two-extractor trials; returns how many failed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = folder / "base.groundwork"
        engine = create_workspace(base)
        import_paths(engine, [SAMPLES])
        engine.dispose()
        failed = duplicates = tracebacks = refused = 0
        started = time.perf_counter()
        for number in range(1, count + 1):
            workspace = folder / f"trial-{number}.groundwork"
            shutil.copy2(base, workspace)
            results = two_extractions(workspace)
            problems = extraction_problems(results)
            groups = duplicate_groups(workspace)
            duplicates += groups
            tracebacks += sum(result.traceback for result in results)
            refused += sum(result.returncode == BUSY_EXIT for result in results)
            failed += bool(problems or groups)
            print(
                f"extraction trial {number:2d}: exits {[r.returncode for r in results]}, "
                f"{insight_count(workspace)} insights, {groups} duplicate groups; "
                f"problems: {problems or 'none'}"
            )
    print(
        f"{count} two-extractor trials in {time.perf_counter() - started:.0f} s: "
        f"{duplicates} duplicate groups, {tracebacks} tracebacks, "
        f"{refused} second extractors told another one runs, {failed} failed"
    )
    return failed


def import_trials(count: int) -> int:
    """Run the two-import trials; returns how many failed."""
    files = len([p for p in SAMPLES.iterdir() if p.is_file()])
    with tempfile.TemporaryDirectory() as tmp:
        failed = tracebacks = 0
        for number in range(1, count + 1):
            workspace = Path(tmp) / f"import-{number}.groundwork"
            create_workspace(workspace).dispose()
            results = two_imports(workspace, SAMPLES)
            stored = interview_count(workspace)
            tracebacks += sum(result.traceback for result in results)
            ok = stored == files and all(r.returncode == 0 and not r.traceback for r in results)
            failed += not ok
            print(
                f"import trial {number:2d}: exits {[r.returncode for r in results]}, "
                f"{stored} of {files} stored"
            )
    print(f"{count} two-import trials: {tracebacks} tracebacks, {failed} failed")
    return failed


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
