"""Import a generated corpus of bad and odd files in one batch: nothing crashes, each bad file says why.

Prints files tried / failed with a message / imported, the time, the slowest files, and any file whose
result broke its expectation (see ``tests/reliability/corpus.py``).
Usage: python tests/benchmarks/bench_corpus.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.database import create_workspace
from synthesis.importer import Outcome, import_paths
from tests.reliability.corpus import corpus, problems, write_corpus


def main() -> int:
    files = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, files)
        engine = create_workspace(Path(tmp) / "corpus.groundwork")
        marks: list[tuple[float, str]] = []
        started = time.perf_counter()
        results = import_paths(
            engine, [folder], progress=lambda _f, stage: marks.append((time.perf_counter(), stage))
        )
        elapsed = time.perf_counter() - started
        engine.dispose()
    failed = [r for r in results if r.outcome == Outcome.FAILED]
    imported = [r for r in results if r.outcome == Outcome.IMPORTED]
    print(
        f"{len(results)} files tried, {len(failed)} failed with a message, {len(imported)} imported, "
        f"{len(results) - len(failed) - len(imported)} other, in {elapsed:.1f} s"
    )
    timings = sorted(
        (
            (after[0] - before[0], before[1].removeprefix("Importing "))
            for before, after in pairwise(marks)
        ),
        reverse=True,
    )
    print("slowest:", ", ".join(f"{name} {seconds:.1f} s" for seconds, name in timings[:4]))
    broken = problems(files, results)
    for line in broken:
        print("PROBLEM", line)
    print(f"{len(broken)} files broke their expectation")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
