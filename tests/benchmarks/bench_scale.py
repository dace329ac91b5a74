"""Scale: 5,000 interviews of ~2,400 words (~12 million words): import, search, GUI open, report.

Then peak memory of ``groundwork extract --force-model`` (the bundled model through llama.cpp) on one long
transcript, read from the child's own rusage (``os.wait4``).
Targets: search <= 100 ms, main window showing every interview <= 3 s, extraction peak RSS <= 800 MB.
Usage: python tests/benchmarks/bench_scale.py [--count 5000] [--words 2400] [--extract 250] [--no-memory]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from desktop.main_window import MainWindow  # noqa: E402
from desktop.tasks import TaskRunner  # noqa: E402
from models.database import create_workspace, open_workspace  # noqa: E402
from models.queries import interviews, turn_counts  # noqa: E402
from models.search import search_turns  # noqa: E402
from models.tables import Interview  # noqa: E402
from synthesis.extraction.run import run_extraction  # noqa: E402
from synthesis.importer import Outcome, import_paths  # noqa: E402
from synthesis.personas.synthesize import synthesize_personas  # noqa: E402
from synthesis.report.export import export_report  # noqa: E402
from synthesis.report.options import ReportOptions  # noqa: E402
from tests.benchmarks.bench_import import make_transcript  # noqa: E402

QUERIES = ("forecast", "security review", "Snowflake budget", "renewal churn", "Reference 4321", "zzzz")


def write_files(folder: Path, count: int, words: int) -> int:
    """``count`` unique transcripts of about ``words`` words; returns the total word count."""
    rng = random.Random(11)
    total = 0
    for number in range(count):
        text = make_transcript(rng, words) + f"\nInterviewer: Reference {number}?\n"
        (folder / f"interview_{number:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
    return total


def time_search(path: Path) -> list[float]:
    engine = open_workspace(path)
    timings = []
    with Session(engine) as session:
        for query in QUERIES:
            for _ in range(5):
                began = time.perf_counter()
                search_turns(session, query, limit=50)
                timings.append((time.perf_counter() - began) * 1000)
    engine.dispose()
    return timings


def time_listing(path: Path) -> float:
    began = time.perf_counter()
    engine = open_workspace(path)
    with Session(engine) as session:
        interviews(session)
        turn_counts(session)
    engine.dispose()
    return time.perf_counter() - began


def time_gui(path: Path, count: int, folder: Path) -> float:
    app = QApplication.instance() or QApplication(sys.argv)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    began = time.perf_counter()
    window = MainWindow(settings, TaskRunner())
    window.resize(1366, 768)
    window.show()
    window.open_workspace_path(path)
    deadline = time.monotonic() + 120
    while (
        window.page is None or window.page.interviews.list_model.rowCount() < count or window.runner.is_busy()
    ):
        app.processEvents()
        if time.monotonic() > deadline:
            raise RuntimeError("the interview list did not fill within 120 s")
    app.processEvents()
    ready = time.perf_counter() - began
    window.close()
    return ready


def time_report(path: Path, extract: int, folder: Path) -> tuple[float, float, float]:
    engine = open_workspace(path)
    with Session(engine) as session:
        ids = list(session.exec(select(Interview.id).order_by(Interview.id).limit(extract)))
    began = time.perf_counter()
    run_extraction(engine, interview_ids=[i for i in ids if i is not None])
    extracted = time.perf_counter() - began
    began = time.perf_counter()
    synthesize_personas(engine)
    synthesised = time.perf_counter() - began
    began = time.perf_counter()
    export_report(engine, folder / "report.docx", ReportOptions(include_suggested=True))
    exported = time.perf_counter() - began
    engine.dispose()
    return extracted, synthesised, exported


def peak_extraction_rss_mb(folder: Path, words: int) -> tuple[float, float, int]:
    """Peak RSS (MB) and wall time of a model-led CLI extraction of one long transcript, and its exit code."""
    path = folder / "memory.groundwork"
    source = folder / "long.txt"
    source.write_text(make_transcript(random.Random(5), words), encoding="utf-8")
    engine = create_workspace(path)
    import_paths(engine, [source])
    engine.dispose()
    command = [str(Path(sys.executable).with_name("groundwork")), "extract", str(path), "--force-model"]
    began = time.perf_counter()
    # A child's peak RSS counts the pages it shares with its parent until it execs, so the extraction is
    # started from a small Python process, not from this one (which holds a 5,000-interview workspace).
    probe = subprocess.run(
        [sys.executable, "-c", _MEASURE_CHILD, *command], capture_output=True, text=True, check=False
    )
    peak_kb, code = (int(value) for value in probe.stdout.split())
    return peak_kb / 1024, time.perf_counter() - began, code


_MEASURE_CHILD = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_pid, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--words", type=int, default=2400)
    parser.add_argument("--extract", type=int, default=250, help="interviews to extract before the report")
    parser.add_argument("--no-memory", action="store_true", help="skip the model memory measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir()
        words = write_files(corpus, args.count, args.words)
        path = folder / "scale.groundwork"
        engine = create_workspace(path)
        began = time.perf_counter()
        results = import_paths(engine, [corpus])
        imported_seconds = time.perf_counter() - began
        engine.dispose()
        imported = sum(r.outcome == Outcome.IMPORTED for r in results)
        size_mb = path.stat().st_size / 1024 / 1024
        print(
            f"import: {imported}/{args.count} interviews, {words / 1e6:.1f} million words, in "
            f"{imported_seconds:.1f} s ({imported / imported_seconds:.0f}/s); workspace {size_mb:.0f} MB"
        )
        timings = time_search(path)
        print(
            f"search: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms over "
            f"{len(timings)} queries (target <= 100 ms)"
        )
        print(f"open_workspace + interview listing queries: {time_listing(path) * 1000:.0f} ms")
        gui = time_gui(path, args.count, folder)
        print(f"GUI: main window showing all {args.count} interviews in {gui:.2f} s (target <= 3 s)")
        extracted, synthesised, exported = time_report(path, args.extract, folder)
        print(
            f"report: rules extraction of {args.extract} interviews {extracted:.1f} s, persona synthesis "
            f"{synthesised:.1f} s, Word export {exported:.1f} s"
        )
        if not args.no_memory:
            rss, seconds, code = peak_extraction_rss_mb(folder, args.words)
            print(
                f"memory: `groundwork extract --force-model` on one {args.words}-word transcript: peak RSS "
                f"{rss:.0f} MB in {seconds:.0f} s, exit {code} (target <= 800 MB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
