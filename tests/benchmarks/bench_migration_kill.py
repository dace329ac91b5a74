"""Migration crash safety: kill -9 a process opening (so migrating) a large old workspace, then open it.

Each trial copies a workspace at schema 0001 with 300,000 turns (the search-index rebuild of migration 0002
takes seconds), starts ``groundwork interviews`` on it, SIGKILLs it at a random moment of an uninterrupted
open's duration, then checks the backup (if written: intact, schema 0001, every turn, no later objects)
and opens the workspace again, which must succeed with every turn kept.
Usage: python tests/benchmarks/bench_migration_kill.py [--trials N] [--turns N] [--seed S]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.database import head_revision
from tests.reliability.crash import random_delays
from tests.reliability.migration_faults import MigrationTrial, build_old_workspace, run_trial, timed_open


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--turns", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = build_old_workspace(folder / "base.groundwork", args.turns)
        probe = folder / "probe"
        probe.mkdir()
        shutil.copy2(base, probe / "full.groundwork")
        seconds = timed_open(probe / "full.groundwork")
        size = base.stat().st_size / 1e6
        print(
            f"uninterrupted open of a {size:.0f} MB workspace at 0001 ({args.turns} turns): {seconds:.1f} s"
        )
        unopenable = damaged = lost = 0
        landed: Counter[str] = Counter()
        in_migration = 0
        started = time.perf_counter()
        for number, delay in enumerate(random_delays(args.trials, seconds, args.seed), start=1):
            trial = run_trial(base, folder, delay)
            unopenable += not trial.openable
            damaged += trial.backup_problem is not None
            lost += trial.openable and not trial.turns_kept
            landed[str(trial.revision_after_kill)] += 1
            moment = _moment(trial)
            in_migration += moment == "inside the migrations"
            print(
                f"trial {number:2d}: killed at {delay:5.2f} s "
                f"({moment}), "
                f"left at schema {trial.revision_after_kill}; "
                f"backup: {trial.backup_problem or 'good or not yet written'}; "
                f"reopened: {'yes' if trial.openable else 'NO: ' + trial.open_error}; "
                f"turns kept: {trial.turns_kept}"
            )
    print(
        f"{args.trials} trials in {time.perf_counter() - started:.0f} s: {unopenable} unopenable workspaces, "
        f"{damaged} damaged backups, {lost} with turns lost; "
        f"{in_migration} kills landed inside the migrations (backup written, schema not yet at head); "
        f"schema left by the kill: {dict(sorted(landed.items()))}"
    )
    return 1 if unopenable + damaged + lost else 0


def _moment(trial: MigrationTrial) -> str:
    if not trial.backup_before_kill:
        return "before the backup was complete"
    return "after the migrations" if trial.revision_after_kill == head_revision() else "inside the migrations"


if __name__ == "__main__":
    sys.exit(main())
