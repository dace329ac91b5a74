"""Consistent pseudonyms for the people and companies of a workspace, applied to any text of a report.

Known names come from the workspace: respondents, interviewers and other speakers ("Respondent 3",
"Interviewer 1", "Person 2") and companies ("Company C"). Each full name is replaced, and so are its single
words when they are not ordinary words of the transcripts (a word that also occurs in lower case, such as
"will" or "mark", is ordinary). People the respondents mention by name ("I report to our CRO, Ben Alvarez")
are found as a capitalised known first name that is not an ordinary word, optionally followed by a surname;
they become "Person N". Replacements inside quotes are bracketed, as editors mark changed quotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import gender_guesser.detector as gender_detector

_WORD = re.compile(r"[a-z][a-z'’-]*")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_CALENDAR = set(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


@cache
def _first_names() -> gender_detector.Detector:
    return gender_detector.Detector(case_sensitive=False)


def _letters(number: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    label = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def split_names(text: str | None) -> list[str]:
    """Names in a field such as "Nadia Okoro, Tom Lindqvist (Northpoint GTM)"."""
    if not text:
        return []
    text = re.sub(r"\([^)]*\)", " ", text)
    return [part.strip() for part in re.split(r",|;|&|\band\b", text) if part.strip()]


class Anonymiser:
    """Maps real names to pseudonyms; the same name always gets the same pseudonym."""

    def __init__(self, corpus: Iterable[str], *, keep: Iterable[str] = ()) -> None:
        self._ordinary = {w for text in corpus for w in _WORD.findall(text)}
        self._keep = {k.casefold() for k in keep}
        self._names: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._pattern: re.Pattern[str] | None = None

    def _next(self, kind: str) -> str:
        self._counts[kind] = self._counts.get(kind, 0) + 1
        return f"{kind} {self._counts[kind]}"

    def _is_name_word(self, word: str) -> bool:
        return len(word) >= 3 and word.casefold() not in self._ordinary and word.casefold() not in self._keep

    def _register(self, name: str, pseudonym: str, *, parts: bool = True) -> str:
        key = name.strip().casefold()
        if not key:
            return pseudonym
        if key in self._names:
            return self._names[key]
        self._names[key] = pseudonym
        if parts:
            for word in re.findall(r"[\w’'-]+", name):
                if self._is_name_word(word):
                    self._names.setdefault(word.casefold(), pseudonym)
        self._pattern = None
        return pseudonym

    def person(self, name: str | None, kind: str = "Person") -> str:
        """The pseudonym of a person ("Respondent 3"), allotting the next number of ``kind`` if new."""
        if not name or not name.strip():
            return self._next(kind)
        key = name.strip().casefold()
        return self._names.get(key) or self._register(name, self._next(kind))

    def alias(self, name: str, pseudonym: str) -> None:
        """Give ``name`` (and its name words) a pseudonym chosen by the caller, unless it has one."""
        self._register(name, pseudonym)

    def company(self, name: str | None) -> str:
        if not name or not name.strip():
            return "a company"
        key = name.strip().casefold()
        if key in self._names:
            return self._names[key]
        self._counts["Company"] = self._counts.get("Company", 0) + 1
        pseudonym = f"Company {_letters(self._counts['Company'] - 1)}"
        self._register(name, pseudonym, parts=False)
        first = re.findall(r"[\w’'-]+", name)
        if first and self._is_name_word(first[0]) and len(first[0]) >= 4:
            self._names.setdefault(first[0].casefold(), pseudonym)
        return pseudonym

    def _find_mentioned(self, text: str) -> None:
        """Register people named in ``text`` who are not in the workspace records."""
        words = list(_CAPITALISED.finditer(text))
        for index, match in enumerate(words):
            first = match.group()
            known = self._names.get(first.casefold())
            if known is None:
                if not self._is_name_word(first) or first.casefold() in _CALENDAR:
                    continue
                if _first_names().get_gender(first) == "unknown":
                    continue
                known = self.person(first)
            elif not known.startswith(("Person", "Respondent", "Interviewer")):
                continue
            following = words[index + 1] if index + 1 < len(words) else None
            if following and text[match.end() : following.start()] == " ":
                last = following.group()
                if self._is_name_word(last) and last.casefold() not in _CALENDAR:
                    self._register(f"{first} {last}", known)

    def _regex(self) -> re.Pattern[str]:
        if self._pattern is None:
            names = sorted(self._names, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE
            )
        return self._pattern

    def text(self, text: str, *, quoted: bool = False) -> str:
        """``text`` with every known or mentioned name replaced; bracketed when ``quoted``."""
        if not text:
            return text
        self._find_mentioned(text)
        if not self._names:
            return text

        def replace(match: re.Match[str]) -> str:
            pseudonym = self._names[match.group(1).casefold()]
            return f"[{pseudonym}]" if quoted else pseudonym

        return self._regex().sub(replace, text)
