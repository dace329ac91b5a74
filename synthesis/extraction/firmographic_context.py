"""Context that makes a firmographic mention someone else's: a customer segment's size, a team's head
count, a date after "in", the tool this call is recorded with."""

from __future__ import annotations

import re

_CLAUSE_START = re.compile(r"[.;!?]\s|\n|\bbut\b", re.IGNORECASE)
_ABOUT_OTHERS = re.compile(
    r"\b(?:customers?|clients?|companies|accounts|prospects|businesses|brands|firms|organi[sz]ations|"
    r"retailers|hospitals|banks|buyers|targets?|segments?|sell(?:s|ing)? to|market)\b[^.;!?]{0,40}$",
    re.IGNORECASE,
)
"""A head count said of someone else: "customers with 50 to 500 employees", "we sell to firms of 200"."""
_ABOUT_A_TEAM = re.compile(
    r"\b(?:team|teams|department|group|squad|function|org|reports?|analysts|reps|engineers)\b[^.;!?]{0,30}$",
    re.IGNORECASE,
)
_TEAM_AFTER = re.compile(r"\s+(?:on|in|under|across)\s+(?:my|our|the|his|her|their)\b", re.IGNORECASE)
_RANGE_END = re.compile(r"(?:\d[\d,]*k?|between\s+\S+)\s*(?:to|and|-|–)\s*$", re.IGNORECASE)
"""The upper end of a range ("50 to 500 employees"): a segment, not one company's head count."""
SMALL_SPOKEN_COUNT = 10
"""A spoken number below this ("five people") is a team or a meeting, never the company's head count."""


def _clause_before(text: str, start: int) -> str:
    """The words of ``start``'s clause before it (from the last sentence end, line break or "but")."""
    ends = [m.end() for m in _CLAUSE_START.finditer(text, 0, start)]
    return text[ends[-1] if ends else 0 : start]


def company_head_count(text: str, start: int, end: int, count: float) -> bool:
    """Whether a head-count mention is the respondent's company, not customers, a team or a small group."""
    if count < SMALL_SPOKEN_COUNT and not re.search(r"\d", text[start:end]):
        return False
    before = _clause_before(text, start)
    return not (
        _ABOUT_OTHERS.search(before)
        or _ABOUT_A_TEAM.search(before)
        or _RANGE_END.search(before)
        or _TEAM_AFTER.match(text, end)
    )


_DATE_WORDS = re.compile(
    r"(?:the\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Q[1-4]|H[12]|Spring|Summer|Autumn|Fall|Winter|Christmas|Easter)\b"
)
"""Capitalised words after "in" that are dates, not places ("we're in January", "based in Q3")."""


def is_date(text: str, start: int) -> bool:
    """Whether the capitalised word at ``start`` is a month, a day, a quarter or a season."""
    return _DATE_WORDS.match(text, start) is not None


MEETING_TOOLS = frozenset(
    {"Zoom", "Teams", "Microsoft Teams", "Google Meet", "Otter", "Fireflies", "Loom", "Webex"}
)
"""Tools an interview is held or recorded with: part of the stack only where the respondent says they use
them, never where they are this call's recorder or meeting room."""
_USE_CUE = re.compile(
    r"\b(?:we|our|the company|everyone|company[- ]wide)\b[^.?!]{0,40}\b(?:use|uses|using|rely|run|runs|"
    r"switched|moved|rolled out|standardi[sz]ed|licen[cs]e|pay for|bought|live in)\b",
    re.IGNORECASE,
)
_RECORDING_CUE = re.compile(
    r"\b(?:record(?:s|ed|ing)?|transcri\w*|this (?:call|meeting|interview|session)|the recording|"
    r"note[- ]?taker|joined|join|link|dropped|mute|unmute|can you hear)\b",
    re.IGNORECASE,
)


def _sentence_of(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in ".?!\n")
    rights = [i for i in (text.find(mark, end) for mark in ".?!\n") if i != -1]
    return text[left + 1 : min(rights, default=len(text))]


def stack_tool(text: str, name: str, start: int, end: int) -> bool:
    """Whether a tool mention is the company's stack (a meeting tool only where it is said to be used)."""
    if name not in MEETING_TOOLS:
        return True
    sentence = _sentence_of(text, start, end)
    return bool(_USE_CUE.search(sentence)) and not _RECORDING_CUE.search(sentence)
