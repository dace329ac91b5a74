"""Concurrent writers: two ``groundwork extract`` at once, two ``groundwork import`` of one folder at once.

Each extraction trial copies a freshly imported workspace (the sample transcripts) and starts two rules-only
extractions with tiny chunks at the same moment: each must complete or exit 75 with "another Groundwork is
extracting this workspace", no traceback, and no two extracted insights may share kind and evidence span.
Each unlocked trial runs two extractions in two threads of one process without that lock (as on a drive
where file locks do not work): the database alone (``BEGIN IMMEDIATE`` and the unique-evidence trigger)
must keep both from failing and from storing anything twice.
Each import trial starts two imports of the sample folder into a new workspace: both exit 0, no traceback,
each file stored once.
Usage: python tests/benchmarks/bench_concurrent.py [--trials N] [--unlocked-trials N] [--import-trials N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.database import create_workspace, open_workspace
from synthesis.extraction.pipeline import CHUNK_TOKENS_ENV
from synthesis.extraction.run import run_extraction
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
    parser.add_argument("--unlocked-trials", type=int, default=10)
    parser.add_argument("--import-trials", type=int, default=10)
    args = parser.parse_args()
    failed = extraction_trials(args.trials) + unlocked_trials(args.unlocked_trials)
    return failed + import_trials(args.import_trials)


def _imported(path: Path) -> Path:
    engine = create_workspace(path)
    import_paths(engine, [SAMPLES])
    engine.dispose()
    return path


def extraction_trials(count: int) -> int:
    """Run the two-extractor trials; returns how many failed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = _imported(folder / "base.groundwork")
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


def _unlocked_extraction(path: Path, outcomes: list[str]) -> None:
    engine = open_workspace(path)
    try:
        run_extraction.__wrapped__(engine)  # type: ignore[attr-defined]
        outcomes.append("completed")
    except Exception as exc:  # the benchmark counts failures
        outcomes.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        engine.dispose()


def unlocked_trials(count: int) -> int:
    """Two extractions in threads without the per-workspace lock; returns how many trials failed."""
    os.environ[CHUNK_TOKENS_ENV] = "40"
    with tempfile.TemporaryDirectory() as tmp:
        base = _imported(Path(tmp) / "base.groundwork")
        failed = duplicates = errors = 0
        for number in range(1, count + 1):
            workspace = Path(tmp) / f"unlocked-{number}.groundwork"
            shutil.copy2(base, workspace)
            outcomes: list[str] = []
            threads = [
                threading.Thread(target=_unlocked_extraction, args=(workspace, outcomes)) for _ in range(2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            groups = duplicate_groups(workspace)
            duplicates += groups
            errors += sum(outcome != "completed" for outcome in outcomes)
            failed += bool(groups) or outcomes != ["completed", "completed"]
            print(
                f"unlocked trial {number:2d}: {outcomes}, {insight_count(workspace)} insights, "
                f"{groups} duplicate groups"
            )
    print(f"{count} unlocked two-extractor trials: {duplicates} duplicate groups, {errors} errors")
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
