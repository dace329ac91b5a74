"""Full-text search over turn text (the FTS5 index kept by triggers on the turn table)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

_TOKEN = re.compile(r"\w+", re.UNICODE)
MATCH_START, MATCH_END = "\x02", "\x03"
"""Markers around the matching words in a snippet (control characters never shown as text)."""


@dataclass(frozen=True)
class SearchHit:
    interview_id: int
    interview_title: str
    turn_id: int
    turn_index: int
    speaker: str
    snippet: str


def to_fts_query(query: str) -> str:
    """Turn free text into a safe FTS5 query: every word must occur; the last one may be a prefix."""
    words = _TOKEN.findall(query)
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_turns(session: Session, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Turns matching every word of ``query``, best match first, with a highlighted snippet."""
    fts_query = to_fts_query(query)
    if not fts_query:
        return []
    rows = session.connection().execute(
        text(
            'SELECT t.interview_id, i.title, t.id, t."index", t.speaker, '
            "snippet(turn_fts, 0, :open, :close, '…', 12) "
            "FROM turn_fts JOIN turn t ON t.id = turn_fts.rowid JOIN interview i ON i.id = t.interview_id "
            "WHERE turn_fts MATCH :q ORDER BY rank LIMIT :limit"
        ),
        {"q": fts_query, "limit": limit, "open": MATCH_START, "close": MATCH_END},
    )
    return [SearchHit(*row) for row in rows]
