"""Parse speed: a 2,500-word transcript in every text layout (target: well under 5 ms each).

Usage: python tests/benchmarks/bench_parse.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from synthesis.ingest import parse_bytes

WORDS = 2500
SENTENCES = [
    "So what does a normal week look like for you?",
    "Honestly it is mostly reconciling spreadsheets and chasing people for numbers.",
    "We tried a tool last year but nobody kept it up to date.",
    "How do you decide what to buy?",
    "Anything over ten thousand goes to the CFO and then to procurement.",
]


def _cues(sep: str) -> Callable[[int, str, str], str]:
    def cue(i: int, speaker: str, line: str) -> str:
        stamp = f"00:{i // 60 % 60:02d}:{i % 60:02d}{sep}"
        return f"{i + 1}\n{stamp}000 --> {stamp}900\n"

    return cue


LAYOUTS: dict[str, tuple[str, str, Callable[[int, str, str], str]]] = {
    "labelled": (".md", "", lambda i, s, line: f"**{s}:** {line}\n\n"),
    "otter": (".txt", "", lambda i, s, line: f"{s}  {i // 60}:{i % 60:02d}\n{line}\n\n"),
    "zoom": (".txt", "", lambda i, s, line: f"[{s}] 10:{i // 60 % 60:02d}:{i % 60:02d}\n{line}\n\n"),
    "rev": (".txt", "", lambda i, s, line: f"{s} ({i // 60:02d}:{i % 60:02d}):\n{line}\n\n"),
    "webvtt": (".vtt", "WEBVTT\n\n", lambda i, s, line: _cues(".")(i, s, line) + f"<v {s}>{line}</v>\n\n"),
    "srt": (".srt", "", lambda i, s, line: _cues(",")(i, s, line) + f"{s.upper()}: {line}\n\n"),
}


def transcript(layout: str) -> tuple[bytes, str]:
    suffix, header, render = LAYOUTS[layout]
    parts, words, i = [header], 0, 0
    while words < WORDS:
        line = SENTENCES[i % len(SENTENCES)]
        parts.append(render(i, "Dana Whitfield" if i % 2 == 0 else "Priya Natarajan", line))
        words += len(line.split())
        i += 1
    return "".join(parts).encode("utf-8"), f"call{suffix}"


def main() -> None:
    for layout in sorted(LAYOUTS):
        data, name = transcript(layout)
        parsed = parse_bytes(data, name)
        assert parsed.format == layout, (layout, parsed.format)
        best = min(_timed(lambda data=data, name=name: parse_bytes(data, name)) for _ in range(15))
        print(f"{layout:<9} {len(parsed.turns):>4} turns: best of 15 {best * 1000:.2f} ms (target < 5 ms)")


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
