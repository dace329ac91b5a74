"""Kill -9 an extraction subprocess at random points; check the workspace it leaves and the resumed run.

Shared by ``tests/benchmarks/bench_crash.py`` (many trials) and ``tests/integration/test_crash_safety.py``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from models.database import create_workspace
from synthesis.extraction.pipeline import CHUNK_TOKENS_ENV
from synthesis.importer import import_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "synthesis" / "samples" / "transcripts"
WRITTEN = ROOT.parent / "shared" / "eval" / "written"
CHUNK_TOKENS = "40"
"""Tiny chunks: several hundred committed transactions per run, so a kill lands between or inside them."""

Evidence = frozenset[tuple[str, int, int, int]]


@dataclass(frozen=True)
class TrialResult:
    """One kill: when it landed, what the killed workspace held, and whether the resumed run matched."""

    delay: float
    chunks_before_kill: int
    insights_before_kill: int
    problems: list[str]
    resumed_equal: bool


def build_workspace(path: Path) -> Path:
    """A workspace with the sample and evaluation transcripts imported and nothing extracted."""
    engine = create_workspace(path)
    sources = [SAMPLES] + ([WRITTEN] if WRITTEN.is_dir() else [])
    results = import_paths(engine, sources)
    engine.dispose()
    if not any(r.interview_id for r in results):
        raise RuntimeError("no transcript imported for the crash workspace")
    return path


def extract_command(workspace: Path) -> list[str]:
    """The CLI extraction as a user runs it (rules only, so no model load dominates the timing)."""
    return [str(Path(sys.executable).with_name("groundwork")), "extract", str(workspace), "--no-model"]


def _env() -> dict[str, str]:
    return {**os.environ, CHUNK_TOKENS_ENV: CHUNK_TOKENS, "PYTHONPATH": str(ROOT)}


def run_to_completion(workspace: Path) -> float:
    """Run (or resume) the extraction until it finishes; returns its wall time."""
    started = time.perf_counter()
    done = subprocess.run(extract_command(workspace), env=_env(), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"extraction failed ({done.returncode}): {done.stderr[-2000:]}")
    return time.perf_counter() - started


def _run_started(workspace: Path) -> bool:
    with sqlite3.connect(f"file:{workspace}?mode=ro", uri=True, timeout=5) as connection:
        return bool(connection.execute("SELECT count(*) FROM extractionrun").fetchone()[0])


def kill_during_extraction(workspace: Path, delay: float) -> None:
    """Start the extraction, wait until its run row exists, then SIGKILL it ``delay`` seconds later."""
    process = subprocess.Popen(
        extract_command(workspace), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and not _run_started(workspace) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(delay)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()


def evidence(workspace: Path) -> Evidence:
    """Every stored insight as (kind, turn id, start, end) of its evidence."""
    with sqlite3.connect(workspace) as connection:
        rows = connection.execute(
            "SELECT i.kind, e.turn_id, e.start, e.end "
            "FROM insight i JOIN evidencespan e ON e.insight_id = i.id"
        ).fetchall()
    return frozenset(rows)


def consistency_problems(workspace: Path) -> list[str]:
    """What is wrong with a (possibly killed) workspace: empty when intact and nothing is half-written."""
    problems: list[str] = []
    with sqlite3.connect(workspace) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:5]}")
        orphans = connection.execute(
            "SELECT count(*) FROM insight WHERE id NOT IN (SELECT insight_id FROM evidencespan)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} insights without evidence")
        mismatched = connection.execute(
            """SELECT c.run_id, c.interview_id, c.chunk_index, c.insights_stored, (
                   SELECT count(DISTINCT i.id) FROM insight i
                   JOIN evidencespan e ON e.insight_id = i.id JOIN turn t ON t.id = e.turn_id
                   WHERE i.run_id = c.run_id AND i.interview_id = c.interview_id
                     AND t."index" BETWEEN c.first_turn_index AND c.last_turn_index)
               FROM runchunk c"""
        ).fetchall()
        problems += [
            f"chunk {row[:3]} records {row[3]} insights but {row[4]} are stored"
            for row in mismatched
            if row[3] != row[4]
        ]
        unrecorded = connection.execute(
            "SELECT (SELECT count(*) FROM insight) - (SELECT coalesce(sum(insights_stored), 0) FROM runchunk)"
        ).fetchone()[0]
        if unrecorded:
            problems.append(f"{unrecorded} insights stored by no recorded chunk (a half-written chunk)")
        counters = connection.execute(
            "SELECT r.id, r.chunks_done, (SELECT count(*) FROM runchunk c WHERE c.run_id = r.id) "
            "FROM extractionrun r"
        ).fetchall()
        problems += [f"run {r[0]} counts {r[1]} chunks, {r[2]} recorded" for r in counters if r[1] != r[2]]
    return problems


def _counts(workspace: Path) -> tuple[int, int]:
    with sqlite3.connect(workspace) as connection:
        chunks = connection.execute("SELECT count(*) FROM runchunk").fetchone()[0]
        insights = connection.execute("SELECT count(*) FROM insight").fetchone()[0]
    return chunks, insights


def run_trial(base: Path, folder: Path, delay: float, reference: Evidence) -> TrialResult:
    """Copy ``base``, kill an extraction on it after ``delay`` s, check it, resume it, compare it."""
    workspace = folder / "trial.groundwork"
    for leftover in folder.glob("trial.groundwork*"):
        leftover.unlink()
    shutil.copy2(base, workspace)
    kill_during_extraction(workspace, delay)
    chunks, insights = _counts(workspace)
    problems = consistency_problems(workspace)
    run_to_completion(workspace)
    problems += [f"after resume: {p}" for p in consistency_problems(workspace)]
    with sqlite3.connect(workspace) as connection:
        unfinished = connection.execute(
            "SELECT count(*) FROM extractionrun WHERE lower(status) != 'completed'"
        ).fetchone()[0]
    if unfinished:
        problems.append(f"{unfinished} runs not completed after the resume")
    return TrialResult(delay, chunks, insights, problems, evidence(workspace) == reference)


def reference_run(base: Path, folder: Path) -> tuple[Evidence, float]:
    """The evidence of an uninterrupted run on a copy of ``base``, and its wall time."""
    workspace = folder / "reference.groundwork"
    shutil.copy2(base, workspace)
    seconds = run_to_completion(workspace)
    return evidence(workspace), seconds


def random_delays(count: int, longest: float, seed: int = 1) -> list[float]:
    """``count`` kill delays spread over ``[0, longest]`` (stratified, so early and late kills both occur)."""
    rng = random.Random(seed)
    return [longest * (number + rng.random()) / count for number in range(count)]
