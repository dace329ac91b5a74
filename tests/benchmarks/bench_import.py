"""Import benchmark: 1,000 transcripts of ~2,500 words into one workspace, then full-text search over it.

Prints transcripts per second, the ratio to a plain sqlite3 ``executemany`` of the same texts in the same
run, and search latencies. Targets: >= 100 transcripts/s and search <= 50 ms.
Usage: python tests/benchmarks/bench_import.py [--count N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from models.database import create_workspace
from models.search import search_turns
from synthesis.importer import Outcome, import_paths

WORDS = (
    "pipeline",
    "forecast",
    "renewal",
    "churn",
    "onboarding",
    "dashboard",
    "quota",
    "territory",
    "Salesforce",
    "HubSpot",
    "budget",
    "approval",
    "security",
    "review",
    "procurement",
    "spreadsheet",
    "handoff",
    "escalation",
    "visibility",
    "accuracy",
    "board",
    "meeting",
    "customer",
    "integration",
    "vendor",
    "contract",
    "pricing",
    "adoption",
    "training",
    "headcount",
    "hiring",
    "process",
    "quarter",
    "target",
    "revenue",
    "team",
    "manager",
    "report",
    "weekly",
    "monthly",
    "finance",
    "marketing",
    "sales",
    "success",
    "support",
    "data",
    "warehouse",
    "Snowflake",
)
FILLER = (
    "the",
    "a",
    "we",
    "our",
    "it",
    "that",
    "this",
    "to",
    "of",
    "and",
    "in",
    "on",
    "for",
    "with",
    "is",
    "was",
    "really",
    "just",
    "like",
    "so",
    "I",
    "you",
    "they",
)


def make_transcript(rng: random.Random, words: int) -> str:
    lines, count, turn = [], 0, 0
    while count < words:
        speaker = "Interviewer" if turn % 2 == 0 else "Jordan Reyes"
        length = rng.randint(8, 25) if turn % 2 == 0 else rng.randint(40, 120)
        body = " ".join(rng.choice(WORDS if rng.random() < 0.35 else FILLER) for _ in range(length))
        ending = "?" if turn % 2 == 0 else "."
        lines.append(f"{speaker}: {body.capitalize()}{ending}")
        count += length
        turn += 1
    return "\n\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, words: int) -> list[str]:
    rng = random.Random(7)
    texts = []
    for number in range(count):
        text = make_transcript(rng, words) + f"\nInterviewer: Reference {number}?\n"
        (folder / f"interview_{number:04d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def plain_sqlite_seconds(path: Path, texts: list[str]) -> float:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE transcript (id INTEGER PRIMARY KEY, text TEXT)")
    started = time.perf_counter()
    with connection:
        connection.executemany("INSERT INTO transcript (text) VALUES (?)", [(t,) for t in texts])
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--words", type=int, default=2500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        texts = write_corpus(folder, args.count, args.words)
        engine = create_workspace(Path(tmp) / "bench.groundwork")
        started = time.perf_counter()
        results = import_paths(engine, [folder])
        elapsed = time.perf_counter() - started
        imported = sum(r.outcome == Outcome.IMPORTED for r in results)
        baseline = plain_sqlite_seconds(Path(tmp) / "plain.sqlite", texts)
        timings = []
        with Session(engine) as session:
            for query in [
                "forecast",
                "security review",
                "Snowflake budget",
                "renewal churn",
                "Reference 500",
            ]:
                for _ in range(5):
                    began = time.perf_counter()
                    hits = search_turns(session, query, limit=50)
                    timings.append((time.perf_counter() - began) * 1000)
                assert hits, query
        engine.dispose()
    rate = imported / elapsed
    print(f"imported {imported}/{args.count} transcripts of ~{args.words} words in {elapsed:.2f} s")
    print(f"import rate: {rate:.0f} transcripts/s (target >= 100)")
    print(
        f"plain sqlite3 executemany of the same texts: {baseline:.3f} s; ratio import/plain = "
        f"{elapsed / baseline:.1f}x"
    )
    print(
        f"FTS search over the workspace: median {statistics.median(timings):.1f} ms, "
        f"max {max(timings):.1f} ms (target <= 50 ms)"
    )


if __name__ == "__main__":
    main()
