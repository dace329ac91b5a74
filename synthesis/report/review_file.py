"""The redaction review as a CSV file to edit: `groundwork export --anonymise --review-terms FILE`.

Columns: ``decision`` (``redact`` or ``keep``), ``term``, ``kind``, ``count``, ``example``. Every candidate
starts as ``redact``; change it to ``keep`` to leave the term as it is, and add a row (``redact``, the term,
a kind such as ``person`` or ``company``) for anything the review missed. ``count`` and ``example`` are for
reading only. Rows are matched to candidates by their term, ignoring case.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from synthesis.report.csv_safe import unsafe_cell, write_rows
from synthesis.report.files import atomic_target
from synthesis.report.options import ReportError
from synthesis.report.redaction import Candidate, Decisions
from synthesis.report.terms import KINDS, Term

COLUMNS = ("decision", "term", "kind", "count", "example")
DECISIONS = ("redact", "keep")


def write_review(path: Path, candidates: Sequence[Candidate]) -> None:
    """Write every candidate as ``redact``, most frequent first (UTF-8 with BOM, so Excel reads accents)."""
    rows = [("redact", c.term.text, c.term.kind, c.count, c.example) for c in candidates]
    with (
        atomic_target(Path(path), ".csv") as temporary,
        temporary.open("w", encoding="utf-8-sig", newline="") as handle,
    ):
        write_rows(handle, COLUMNS, rows)


def _row_error(path: Path, line: int, what: str) -> ReportError:
    return ReportError(f"{path}, line {line}: {what} Fix the line and run the export again.")


def read_review(path: Path) -> Decisions:
    """The consultant's decisions; raises ReportError naming the line of a bad row."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = [c.strip().casefold() for c in (rows and list(rows[0].keys())) or []]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReportError(f"{path}: the review file cannot be read ({exc}).") from exc
    if rows and not {"decision", "term"} <= set(header):
        raise ReportError(f"{path}: the review file needs the columns {', '.join(COLUMNS)}.")
    keep: set[str] = set()
    added: list[Term] = []
    for line, row in enumerate(rows, start=2):
        decision = (row.get("decision") or "").strip().casefold()
        text = unsafe_cell((row.get("term") or "").strip())
        kind = (row.get("kind") or "name").strip().casefold() or "name"
        if not text:
            continue
        if decision not in DECISIONS:
            raise _row_error(path, line, f"the decision {decision!r} is neither 'redact' nor 'keep'.")
        if kind not in KINDS:
            raise _row_error(path, line, f"the kind {kind!r} is not one of {', '.join(KINDS)}.")
        term = Term(text, kind)
        if decision == "keep":
            keep.add(term.key)
        else:
            added.append(term)
    return Decisions(keep=frozenset(keep), add=tuple(added))


def new_candidates(decisions: Decisions, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates the file does not mention (found since it was written); they are redacted."""
    listed = decisions.keep | {t.key for t in decisions.add}
    return [c for c in candidates if c.term.key not in listed]
