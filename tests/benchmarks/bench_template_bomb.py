"""Template bomb benchmark: a ~1 MB .docx whose body unpacks to 1 GB of XML is refused within 800 MB peak RSS.

Builds the bomb (a real firm template, python-docx's default, with its document.xml padded to 1 GB), then
opens it with ``open_template`` in a fresh child process and prints the child's peak resident memory and
the time to refuse it. A second run forges the zip's declared size (1,000 bytes) so the refusal must come
from decompressing, not from the declared sizes.
Usage: python -m tests.benchmarks.bench_template_bomb
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx

UNPACKED = 1 << 30
TARGET_MB = 800
_CHILD = """
import resource, sys, time
from pathlib import Path
from synthesis.report.options import ReportError
from synthesis.report.template import open_template
started = time.perf_counter()
try:
    open_template(Path(sys.argv[1]))
    outcome = "opened (not refused!)"
except ReportError as exc:
    outcome = f"refused: {exc}"
seconds = time.perf_counter() - started
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, f"{seconds:.2f}", outcome)
"""


def build(path: Path) -> Path:
    """python-docx's default template with ``UNPACKED`` bytes of whitespace inside its body."""
    template = path.with_suffix(".base.docx")
    docx.Document().save(str(template))
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "word/document.xml":
                bomb.writestr(item, data)
                continue
            head, tail = data.split(b"<w:body>")
            with bomb.open("word/document.xml", "w", force_zip64=True) as handle:
                handle.write(head + b"<w:body>")
                chunk = b" " * (1 << 20)
                for _ in range(UNPACKED >> 20):
                    handle.write(chunk)
                handle.write(tail)
    return path


def forge(path: Path) -> Path:
    """A copy whose central directory declares document.xml as 1,000 bytes."""
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46 : entry + 63] != b"word/document.xml":
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    forged = path.with_name("forged.docx")
    forged.write_bytes(bytes(data))
    return forged


def measure(path: Path) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True, timeout=600
    )
    peak, seconds, outcome = result.stdout.strip().split(" ", 2)
    size = path.stat().st_size / 2**20
    print(f"{path.name}: {size:.1f} MB file, peak RSS {peak} MB, {seconds} s, {outcome}")
    return int(peak), outcome


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        bomb = build(Path(folder) / "bomb.docx")
        print(f"built a bomb unpacking to {UNPACKED >> 20} MB in {time.perf_counter() - started:.1f} s")
        results = [measure(bomb), measure(forge(bomb))]
    ok = all(peak <= TARGET_MB and outcome.startswith("refused") for peak, outcome in results)
    print(f"target: refused within {TARGET_MB} MB peak RSS: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
