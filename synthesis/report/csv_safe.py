"""CSV cells that spreadsheet programs cannot run as formulas (OWASP "CSV Injection").

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with a single
quote, which Excel, LibreOffice and Google Sheets show as text; every CSV the app writes goes through
``safe_row``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in row]


def write_rows(handle: IO[str], columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a header and neutralised rows to ``handle``; returns the number of rows."""
    writer = csv.writer(handle)
    writer.writerow(safe_row(columns))
    count = 0
    for row in rows:
        writer.writerow(safe_row(row))
        count += 1
    return count


def unsafe_cell(text: str) -> str:
    """Undo ``safe_cell`` when reading back a CSV this app wrote."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
