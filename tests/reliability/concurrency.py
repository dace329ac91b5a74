"""Two Groundwork processes on one workspace at once: two extractions, two imports of the same folder.

Shared by ``tests/reliability/test_concurrent_writers.py`` and ``tests/benchmarks/bench_concurrent.py``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from synthesis.extraction.pipeline import CHUNK_TOKENS_ENV

ROOT = Path(__file__).resolve().parents[2]
CLI = "from synthesis.cli.main import app; app()"
"""The CLI as ``groundwork`` runs it, from this source tree."""
SAMPLES = ROOT / "synthesis" / "samples" / "transcripts"
BUSY_EXIT = 75


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", CLI, *args]


def env(chunk_tokens: str = "40") -> dict[str, str]:
    """Tiny rule chunks, so an extraction commits hundreds of times and two of them overlap for long."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", CHUNK_TOKENS_ENV: chunk_tokens}


@dataclass(frozen=True)
class Finished:
    """What one process printed and returned."""

    returncode: int
    stderr: str
    stdout: str

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.stderr or "Traceback" in self.stdout


def run_together(commands: list[list[str]], timeout: float = 600) -> list[Finished]:
    """Start every command at once and wait for all of them."""
    processes = [
        subprocess.Popen(command, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    finished = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=timeout)
        finished.append(Finished(process.returncode, stderr, stdout))
    return finished


def duplicate_groups(workspace: Path) -> int:
    """Groups of extracted insights sharing kind and evidence span (there should be none)."""
    with closing(sqlite3.connect(workspace, timeout=30)) as connection:
        return connection.execute(
            """SELECT count(*) FROM (
                   SELECT 1 FROM insight AS i JOIN evidencespan AS e ON e.insight_id = i.id
                   WHERE i.origin != 'user'
                   GROUP BY i.kind, e.turn_id, e.start, e."end" HAVING count(*) > 1)"""
        ).fetchone()[0]


def insight_count(workspace: Path) -> int:
    with closing(sqlite3.connect(workspace, timeout=30)) as connection:
        return connection.execute("SELECT count(*) FROM insight").fetchone()[0]


def interview_count(workspace: Path) -> int:
    with closing(sqlite3.connect(workspace, timeout=30)) as connection:
        return connection.execute("SELECT count(*) FROM interview").fetchone()[0]


def two_extractions(workspace: Path) -> list[Finished]:
    return run_together([cli("extract", str(workspace), "--no-model")] * 2)


def two_imports(workspace: Path, folder: Path) -> list[Finished]:
    return run_together([cli("import", str(workspace), str(folder))] * 2)


def extraction_problems(results: list[Finished]) -> list[str]:
    """What is wrong with two concurrent extractions' exits: each completes, or is told another one runs."""
    problems = []
    for result in results:
        if result.traceback:
            problems.append(f"traceback: {result.stderr[-800:]}")
        elif result.returncode == BUSY_EXIT:
            if "another Groundwork is extracting this workspace" not in result.stderr:
                problems.append(f"busy exit without the message: {result.stderr[-300:]}")
        elif result.returncode != 0:
            problems.append(f"exit {result.returncode}: {result.stderr[-300:]}")
    return problems
