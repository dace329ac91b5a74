"""Search written exports for terms that should have been redacted: every part of a .docx zip, every CSV.

A .docx is searched part by part (its name, its raw XML and its text with the tags removed, so document
properties, headers, footers, alt text, hyperlinks and custom XML are all covered); a CSV as text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from synthesis.report.lexicon import Lexicon
from synthesis.report.terms import Term

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Leak:
    file: str
    part: str
    term: str
    context: str


def _contents(path: Path) -> Iterable[tuple[str, str, bool]]:
    """(part name, text, is raw XML) of a file: each zip member of a .docx (and its name), or the text."""
    if path.suffix.lower() != ".docx":
        yield "", path.read_text(encoding="utf-8-sig", errors="replace"), False
        return
    with zipfile.ZipFile(path) as archive:
        for item in archive.infolist():
            yield item.filename, item.filename, False
            raw = archive.read(item).decode("utf-8", errors="replace")
            yield item.filename, raw, True
            yield item.filename, _TAG.sub(" ", raw), False


def _needles(terms: Iterable[Term], lexicon: Lexicon) -> list[tuple[str, re.Pattern[str], bool]]:
    """Each term, and each distinctive word of a person or company name, as a whole-word pattern.

    The flag says whether to search raw XML too; places ("US") are searched in text only, as XML
    attributes such as ``w:lang="en-US"`` hold them harmlessly.
    """
    needles: dict[str, tuple[re.Pattern[str], bool]] = {}
    for term in terms:
        body = r"\s+".join(re.escape(w) for w in term.text.split())
        needles.setdefault(term.key, (re.compile(rf"(?<![\w])(?i:{body})(?![\w])"), term.kind != "place"))
        if term.kind in ("respondent", "interviewer", "person", "company"):
            for word in re.findall(r"[^\W\d_][\w'’-]*", term.text):
                if len(word) >= 3 and not lexicon.is_ordinary(word):
                    pattern = re.compile(rf"(?<![\w])(?i:{re.escape(word)})(?![\w])")
                    needles.setdefault(word.casefold(), (pattern, True))
    return [(key, pattern, raw) for key, (pattern, raw) in needles.items()]


def find_leaks(paths: Iterable[Path], terms: Iterable[Term], lexicon: Lexicon | None = None) -> list[Leak]:
    """Every occurrence of a redacted term (or a distinctive word of a name) in the files."""
    needles = _needles(terms, lexicon or Lexicon())
    leaks = []
    for path in paths:
        for part, text, is_raw in _contents(Path(path)):
            for term, pattern, search_raw in needles:
                if is_raw and not search_raw:
                    continue
                for match in pattern.finditer(text):
                    context = " ".join(text[max(0, match.start() - 30) : match.end() + 30].split())
                    leaks.append(Leak(Path(path).name, part, term, context))
    return leaks
