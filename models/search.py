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


RANKED_MATCH_LIMIT = 20_000
"""Above this many matching turns, ranking them all costs more than a search may take (> 100 ms on
5,000 interviews): the newest matches are listed instead."""


def search_turns(session: Session, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Turns matching every word of ``query`` with a highlighted snippet: best match first, or newest first
    when a very common word matches more than ``RANKED_MATCH_LIMIT`` turns."""
    fts_query = to_fts_query(query)
    if not fts_query:
        return []
    connection = session.connection()
    matches = connection.execute(
        text("SELECT count(*) FROM turn_fts WHERE turn_fts MATCH :q"), {"q": fts_query}
    ).scalar_one()
    order = "rank" if matches <= RANKED_MATCH_LIMIT else "turn_fts.rowid DESC"
    rows = connection.execute(
        text(
            'SELECT t.interview_id, i.title, t.id, t."index", t.speaker, '
            "snippet(turn_fts, 0, :open, :close, '…', 12) "
            "FROM turn_fts JOIN turn t ON t.id = turn_fts.rowid JOIN interview i ON i.id = t.interview_id "
            f"WHERE turn_fts MATCH :q ORDER BY {order} LIMIT :limit"
        ),
        {"q": fts_query, "limit": limit, "open": MATCH_START, "close": MATCH_END},
    )
    return [SearchHit(*row) for row in rows]
