"""Full-text search over what respondents and interviewers said (the FTS5 index of ``models.search``)."""

from __future__ import annotations

from models.search import MATCH_END, MATCH_START, SearchHit, search_turns

__all__ = ["MATCH_END", "MATCH_START", "SearchHit", "search_turns"]
