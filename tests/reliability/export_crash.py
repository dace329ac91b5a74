"""Kill -9 ``groundwork export`` at random points: the target is the previous report, or a complete new one.

Shared by ``tests/benchmarks/bench_crash.py`` and ``tests/integration/test_crash_safety.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx

from tests.report_sample import build_sample_workspace

PREVIOUS = b"the previous report, which a failed export must leave as it was"
SAVE_SECONDS = 0.06
"""About how long saving the sample report takes, from its temporary file's creation to the rename."""


@dataclass(frozen=True)
class ExportTrial:
    delay: float
    outcome: str
    """"previous" (old file intact), "complete" (the new report, whole) or "corrupt"."""
    leftovers: int
    """Temporary files left beside the target (a SIGKILL skips their clean-up)."""


def build_export_workspace(path: Path) -> Path:
    build_sample_workspace(path).dispose()
    return path


def export_command(workspace: Path, out: Path) -> list[str]:
    groundwork = Path(sys.executable).with_name("groundwork")
    return [str(groundwork), "export", str(workspace), "--out", str(out), "--include-suggested"]


def timed_export(workspace: Path, out: Path) -> float:
    """An uninterrupted export's wall time."""
    started = time.perf_counter()
    done = subprocess.run(export_command(workspace, out), capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"export failed ({done.returncode}): {done.stderr[-2000:]}")
    return time.perf_counter() - started


def classify(out: Path) -> str:
    data = out.read_bytes()
    if data == PREVIOUS:
        return "previous"
    try:
        with zipfile.ZipFile(out) as archive:
            if archive.testzip() is not None:
                return "corrupt"
        docx.Document(str(out))
    except Exception:  # any failure to read the file back means it is damaged
        return "corrupt"
    return "complete"


def _wait_for_temporary(folder: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while process.poll() is None and not any(folder.glob(".report.*")) and time.monotonic() < deadline:
        time.sleep(0.001)


def run_export_trial(workspace: Path, folder: Path, delay: float, *, while_saving: bool) -> ExportTrial:
    """Export over an existing file, SIGKILL the process and classify what is left.

    The kill comes ``delay`` s after the start or, ``while_saving``, after the temporary file appeared.
    """
    target = folder / "report.docx"
    for leftover in folder.glob(".report.*"):
        leftover.unlink()
    target.write_bytes(PREVIOUS)
    process = subprocess.Popen(
        export_command(workspace, target), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        if while_saving:
            _wait_for_temporary(folder, process)
        time.sleep(delay)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
    leftovers = len([p for p in folder.glob(".report.*") if p.is_file()])
    return ExportTrial(delay, classify(target), leftovers)
