"""Kill -9 (or starve of disk) a process opening an old workspace; check what it leaves behind.

Shared by ``tests/reliability/test_migration_faults.py`` (a few trials) and
``tests/benchmarks/bench_migration_kill.py`` (many trials on a large workspace).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from models.backup import backup_path, backup_problem

ROOT = Path(__file__).resolve().parents[2]
CLI = "from synthesis.cli.main import app; app()"
"""The CLI as ``groundwork`` runs it, from this source tree."""
OLD_SCHEMA = ROOT / "tests" / "fixtures" / "schema_0001.groundwork"
SAMPLES = ROOT / "synthesis" / "samples" / "transcripts"


def build_old_workspace(path: Path, turns: int, interviews: int = 20) -> Path:
    """A workspace at schema 0001 (the fixture) grown to ``turns`` extra respondent turns of sample text."""
    shutil.copy(OLD_SCHEMA, path)
    lines = [
        line.strip()
        for sample in sorted(SAMPLES.iterdir())
        for line in sample.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 30
    ]
    per_interview = max(turns // interviews, 1)
    with closing(sqlite3.connect(path)) as connection, connection:
        for number in range(interviews):
            cursor = connection.execute(
                "INSERT INTO interview (title, source_file_name, format, encoding, sha256, text, warnings, "
                "imported_at) VALUES (?, ?, 'txt', 'utf-8', ?, ?, '[]', '2026-01-01 00:00:00')",
                (f"Bulk {number}", f"bulk-{number}.txt", f"bulk-{number}", f"Bulk interview {number}"),
            )
            interview_id = cursor.lastrowid
            connection.executemany(
                'INSERT INTO turn (interview_id, "index", speaker, role, text, start_char, end_char, '
                "segments) VALUES (?, ?, 'P', 'respondent', ?, 0, ?, '[]')",
                (
                    (interview_id, index, text, len(text))
                    for index, text in (
                        (i, f"{lines[(i * 7 + number) % len(lines)]} {i}") for i in range(per_interview)
                    )
                ),
            )
    return path


def open_command(workspace: Path) -> list[str]:
    """Opening the workspace as a user does from the CLI (``interviews`` opens, migrates and lists)."""
    return [sys.executable, "-c", CLI, "interviews", str(workspace)]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}


def timed_open(workspace: Path) -> float:
    """Open (and so migrate) the workspace in a subprocess; its wall time. Raises if it fails."""
    started = time.perf_counter()
    done = subprocess.run(open_command(workspace), env=env(), capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"open failed ({done.returncode}): {done.stderr[-2000:]}")
    return time.perf_counter() - started


def kill_during_open(workspace: Path, delay: float) -> None:
    """Start opening the workspace and SIGKILL the process ``delay`` seconds later (if still running)."""
    process = subprocess.Popen(
        open_command(workspace), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


@dataclass(frozen=True)
class MigrationTrial:
    """One kill during an open: whether the backup held and whether the workspace opened afterwards."""

    delay: float
    revision_after_kill: str | None
    backup_before_kill: bool
    """Whether the backup was complete when the kill landed (so the kill hit the migration itself)."""
    backup_problem: str | None
    openable: bool
    open_error: str
    turns_kept: bool


def revision(workspace: Path) -> str | None:
    with closing(sqlite3.connect(workspace, timeout=30)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def turn_count(workspace: Path) -> int:
    with closing(sqlite3.connect(workspace, timeout=30)) as connection:
        return connection.execute("SELECT count(*) FROM turn").fetchone()[0]


def check_backup(workspace: Path, turns: int) -> str | None:
    """What is wrong with the workspace's 0001 backup, if one was written: None when absent or good."""
    backup = backup_path(workspace, "0001")
    if not backup.exists():
        return None
    problem = backup_problem(backup, "0001", None)
    if problem is not None:
        return problem
    with closing(sqlite3.connect(f"{backup.resolve().as_uri()}?immutable=1", uri=True)) as connection:
        objects = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'turn_fts%'"
        fts = connection.execute(objects).fetchone()[0]
        stored = connection.execute("SELECT count(*) FROM turn").fetchone()[0]
    if fts:
        return "the backup holds search-index objects of a later schema"
    return None if stored == turns else f"the backup holds {stored} turns instead of {turns}"


def run_trial(base: Path, folder: Path, delay: float) -> MigrationTrial:
    """Copy ``base``, kill an open of it after ``delay`` s, then check the backup and open it for real."""
    for leftover in folder.glob("trial.groundwork*"):
        leftover.unlink()
    workspace = folder / "trial.groundwork"
    shutil.copy2(base, workspace)
    turns = turn_count(base)
    kill_during_open(workspace, delay)
    after_kill = revision(workspace)
    backed_up = backup_path(workspace, "0001").exists()
    problem = check_backup(workspace, turns)
    done = subprocess.run(open_command(workspace), env=env(), capture_output=True, text=True, timeout=900)
    problem = problem or check_backup(workspace, turns)
    return MigrationTrial(
        delay,
        after_kill,
        backed_up,
        problem,
        done.returncode == 0,
        done.stderr[-500:],
        done.returncode == 0 and turn_count(workspace) == turns,
    )
