"""Extraction is linear in transcript size: a ~20 MB transcript and a 200,000-cue WebVTT file.

Each is imported into a fresh workspace and extracted (rules only: the unit of resumable work is the
same chunk a model would read) end to end, as `groundwork import` and `groundwork extract` do.
Prints words/s for import, extraction and overall (target overall >= 20,000 words/s), and the
extraction rate on a tenth of the input beside it (linear: about the same rate).
Usage: python -m tests.benchmarks.bench_extract_scale [--mb 19.5] [--cues 200000] [--only txt|vtt]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from models.database import create_workspace
from synthesis.extraction.run import run_extraction
from synthesis.importer import Outcome, import_file
from tests.benchmarks.bench_extract import QUESTIONS, SENTENCES, make_transcript

TARGET_WORDS_PER_SECOND = 20_000


def make_vtt(cues: int) -> str:
    """A Teams-style WebVTT file of ``cues`` short cues (sentences cut into pieces of 7 words, as meeting
    tools do), speakers changing every few cues; 200,000 cues stay under the 20 MB import limit."""
    pieces = [" ".join(s.split()[i : i + 7]) for s in SENTENCES for i in range(0, len(s.split()), 7)]
    questions = [" ".join(q.split()[:7]) for q in QUESTIONS]
    lines = ["WEBVTT", ""]
    for n in range(cues):
        asking = n % 6 == 0
        text = questions[n % len(questions)] if asking else pieces[n % len(pieces)]
        speaker = "Ann" if asking else "Sam"
        lines += [f"{_clock(n * 2)} --> {_clock(n * 2 + 2)}", f"<v {speaker}>{text}</v>", ""]
    return "\n".join(lines)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


def measure(name: str, text: str, folder: Path) -> tuple[int, float, float, float]:
    """Import and extract ``text`` as file ``name``; returns (words, import seconds, extraction seconds,
    CPU seconds of both: on a busy machine wall time overstates the work)."""
    source = folder / name
    source.write_text(text, encoding="utf-8")
    engine = create_workspace(folder / f"{name}.groundwork")
    started, cpu = time.perf_counter(), time.process_time()
    result = import_file(engine, source)
    imported = time.perf_counter()
    assert result.outcome == Outcome.IMPORTED, result.message
    summary = run_extraction(engine)
    extracted = time.perf_counter()
    engine.dispose()
    assert summary.status == "completed"
    print(
        f"  {name}: {source.stat().st_size / 1024**2:.1f} MB, {result.turns:,} turns, "
        f"{summary.chunks_total:,} chunks, {summary.insights_stored:,} insights"
    )
    return len(text.split()), imported - started, extracted - imported, time.process_time() - cpu


def report(label: str, text: str, name: str, folder: Path) -> None:
    words, import_s, extract_s, cpu_s = measure(name, text, folder)
    overall = words / (import_s + extract_s)
    verdict = "meets" if overall >= TARGET_WORDS_PER_SECOND else "MISSES"
    print(
        f"{label}: {words:,} words; import {import_s:.1f} s ({words / import_s:,.0f} words/s), "
        f"extraction {extract_s:.1f} s ({words / extract_s:,.0f} words/s); overall "
        f"{overall:,.0f} words/s ({verdict} the target >= {TARGET_WORDS_PER_SECOND:,}); "
        f"{words / cpu_s:,.0f} words per CPU second"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=19.5)
    parser.add_argument("--cues", type=int, default=200_000)
    parser.add_argument("--only", choices=["txt", "vtt"], help="run only the transcript or the WebVTT part")
    args = parser.parse_args()
    words = int(args.mb * 1024 * 1024 / 5.87)  # the generated text averages ~5.87 bytes a word
    with tempfile.TemporaryDirectory(prefix="gw-bench-scale-") as tmp:
        folder = Path(tmp)
        if args.only != "vtt":
            report("tenth of the transcript", make_transcript(words // 10), "tenth.txt", folder)
            report("whole transcript", make_transcript(words), "big.txt", folder)
        if args.only != "txt":
            report(f"WebVTT, {args.cues // 10:,} cues", make_vtt(args.cues // 10), "tenth.vtt", folder)
            report(f"WebVTT, {args.cues:,} cues", make_vtt(args.cues), "cues.vtt", folder)


if __name__ == "__main__":
    main()
