"""Bombs and endless streams: each hostile input is refused with a message, quickly and in little memory.

Every case runs in a child process whose peak RSS is read from its own rusage (``os.wait4``): a .docx
and PDFs that unpack to hundreds of megabytes, a .docx whose text is over the 20 MB limit, and a hostile
model server on 127.0.0.1 sending an endless reply, an endless line, a 1-byte-per-5-s trickle and only
keep-alives (the HTTP backend with its default caps; the stall limit is its read timeout, 30 s here).
Target: peak RSS <= 800 MB in every case, and a clear error.
Usage: python -m tests.benchmarks.bench_bombs [--case NAME]
"""

from __future__ import annotations

import argparse
import base64
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_MB = 800


def _parse(make: Callable[[], bytes], name: str) -> str:
    from synthesis.ingest import TranscriptError, parse_bytes

    data = make()
    started = time.perf_counter()
    try:
        parse_bytes(data, name)
    except TranscriptError as exc:
        return f"{len(data) / 1024:,.0f} KB file refused in {time.perf_counter() - started:.2f} s: {exc}"
    return "NOT REFUSED"


def _server(mode: str) -> str:
    from synthesis.llm.base import LlmError
    from synthesis.llm.http_backend import HttpBackend
    from tests.reliability.hostile_server import hostile_server

    with hostile_server(mode, interval=5.0) as url:  # type: ignore[arg-type]
        backend = HttpBackend(url, "hostile", read_timeout=30)
        started = time.perf_counter()
        try:
            backend.complete_text([{"role": "user", "content": "hello"}])
        except LlmError as exc:
            return f"stopped after {time.perf_counter() - started:.1f} s: {type(exc).__name__}: {exc}"
        finally:
            backend.close()
    return "NOT STOPPED"


def _long_docx() -> bytes:
    from synthesis.ingest.decode import MAX_BYTES
    from tests.reliability.hostile_files import docx_with_text

    noise = base64.b64encode(os.urandom(MAX_BYTES * 3 // 4 + 3000)).decode()
    return docx_with_text(["Sam: " + noise[i : i + 1_000_000] for i in range(0, len(noise), 1_000_000)])


def _cases() -> dict[str, Callable[[], str]]:
    from tests.reliability import hostile_files as files

    return {
        "docx-bomb-200mb": lambda: _parse(lambda: files.docx_bomb(200), "bomb.docx"),
        "docx-bomb-40mb-ratio": lambda: _parse(lambda: files.docx_bomb(40), "bomb.docx"),
        "pdf-bomb-1gb": lambda: _parse(lambda: files.pdf_bomb(1024), "bomb.pdf"),
        "pdf-bomb-aes-300mb": lambda: _parse(
            lambda: files.encrypted(files.pdf_bomb(300), user_password="", owner_password="o"), "bomb.pdf"
        ),
        "docx-text-over-20mb": lambda: _parse(_long_docx, "long.docx"),
        "http-endless-reply": lambda: _server("endless"),
        "http-endless-line": lambda: _server("long_line"),
        "http-trickle-1-byte-per-5-s": lambda: _server("trickle"),
        "http-keepalive-only": lambda: _server("keepalive"),
        "http-endless-error-body": lambda: _server("error_body"),
    }


_CHILD = """
import os, subprocess, sys
child = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.bench_bombs", "--case", sys.argv[1]])
_pid, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def _measure(case: str) -> tuple[float, int]:
    """Peak RSS (MB) and exit code of the case run in its own process."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, case], cwd=ROOT, capture_output=False, stdout=subprocess.PIPE,
        text=True, check=True,
    ).stdout.split("\n")
    *printed, last = [line for line in out if line.strip()]
    print("\n".join(printed))
    rss_kb, code = last.split()
    return int(rss_kb) / 1024, int(code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", help="run one case in this process and print its outcome")
    args = parser.parse_args()
    if args.case:
        print(f"  {args.case}: {_cases()[args.case]()}", flush=True)
        return 0
    worst = 0.0
    for case in _cases():
        rss, code = _measure(case)
        worst = max(worst, rss)
        print(f"  {case}: peak RSS {rss:,.0f} MB, exit {code}", flush=True)
    verdict = "meets" if worst <= TARGET_MB else "MISSES"
    print(f"worst peak RSS {worst:,.0f} MB ({verdict} the target <= {TARGET_MB} MB)")
    return 0 if worst <= TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
