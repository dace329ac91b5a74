"""Consistent pseudonyms for the terms a redaction review decided to redact, applied to any text of a report.

Each term gets one pseudonym by kind: respondents "Respondent N" (chosen by the caller), interviewers
"Interviewer N", companies and other organisations "Company A", places their region ("Lagos" -> "Africa",
"Canadian" -> "North American"), e-mails, web addresses and handles a placeholder, and every other person or
proper noun "Name N" (a found name may be a person, a product or a community: one label for all). A person's
or company's distinctive words are redacted on their own too ("Okafor", "Tundra"); words of a name that are
ordinary English words ("Grace", "Li") only where capitalised, and an acronym that is also a word ("US")
only in capitals. Names may be split by a line break. A pseudonym inside any text is bracketed, as editors
mark changed words; one that replaces a whole field ("Company A" in a table cell) is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from synthesis.icp import places
from synthesis.report.lexicon import PARTICLES, TITLES, Lexicon, demonym_region, is_acronym, is_frequent
from synthesis.report.terms import PERSON_KINDS, Term

_PLACEHOLDERS = {"email": "e-mail address", "url": "web address", "handle": "handle"}
_LABELS = {"interviewer": "Interviewer"}
"""Pseudonym labels by kind; any other person or proper noun is a "Name"."""


def letters(number: int) -> str:
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


def _pattern(text: str, case_sensitive: bool) -> str:
    body = r"\s+".join(re.escape(word) for word in text.split())
    return body if case_sensitive else f"(?i:{body})"


class Anonymiser:
    """Maps redacted terms to pseudonyms; the same term always gets the same pseudonym."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon or Lexicon()
        self._names: dict[str, str] = {}
        self._case_sensitive: dict[str, str] = {}
        """Key -> the text as written, for words matched only where capitalised."""
        self._counts: dict[str, int] = {}
        self._pattern: re.Pattern[str] | None = None

    def _next(self, kind: str) -> str:
        label = "Company" if kind == "company" else _LABELS.get(kind, "Name")
        self._counts[label] = self._counts.get(label, 0) + 1
        if label == "Company":
            return f"Company {letters(self._counts[label] - 1)}"
        return f"{label} {self._counts[label]}"

    def _set(self, text: str, pseudonym: str, *, case_sensitive: bool = False) -> None:
        key = " ".join(text.split()).casefold()
        if len(key) < 2 or key in self._names:
            return
        self._names[key] = pseudonym
        if case_sensitive or (is_acronym(text) and is_frequent(text)):
            self._case_sensitive[key] = " ".join(text.split())
        self._pattern = None

    def _parts(self, text: str, pseudonym: str, *, company: bool) -> None:
        """A name's own words: rare ones everywhere, ordinary ones where capitalised (people only)."""
        for word in re.findall(r"[^\W\d_][\w'’-]*", text):
            folded = word.casefold().rstrip(".")
            if folded in PARTICLES or folded in TITLES or self._lexicon.is_tool_or_kept(word):
                continue
            ordinary = self._lexicon.is_ordinary(word)
            if not ordinary and len(word) >= (3 if company else 2):
                self._set(word, pseudonym)
            elif ordinary and not company and word[:1].isupper() and len(word) >= 2:
                self._set(word, pseudonym, case_sensitive=True)

    def add(self, term: Term, pseudonym: str | None = None) -> str:
        """Redact ``term``; returns its pseudonym (given, already allotted, or the next of its kind)."""
        key = term.key
        if key in self._names:
            return self._names[key]
        if pseudonym is None and term.kind not in ("place", *_PLACEHOLDERS):
            pseudonym = self._known_word(term.text)
        if pseudonym is None:
            if term.kind == "place":
                pseudonym = places.region_of(term.text) or demonym_region(term.text) or "a place"
            else:
                pseudonym = _PLACEHOLDERS.get(term.kind) or self._next(term.kind)
        self._set(term.text, pseudonym)
        if term.kind in PERSON_KINDS or term.kind == "company":
            self._parts(term.text, pseudonym, company=term.kind == "company")
        return pseudonym

    def _known_word(self, text: str) -> str | None:
        """The pseudonym of a distinctive word of ``text`` already redacted ("Tundra" of "Tundra Freight")."""
        for word in re.findall(r"[^\W\d_][\w'’-]*", text):
            key = word.casefold()
            if key in self._names and key not in self._case_sensitive and not self._lexicon.is_ordinary(word):
                return self._names[key]
        return None

    def add_all(self, terms: Iterable[Term]) -> None:
        """Redact ``terms``, longer names first, so "Thandiwe" gets the pseudonym of "Thandiwe Dlamini"."""
        for term in sorted(terms, key=lambda t: -len(t.text.split())):
            self.add(term)

    def alias(self, name: str, pseudonym: str) -> None:
        """Give the person ``name`` (and their name words) a pseudonym chosen by the caller."""
        if name.strip():
            self.add(Term(name, "respondent"), pseudonym)

    def person(self, name: str | None, kind: str = "person") -> str:
        """The pseudonym of a person ("Interviewer 1"), allotting the next number of ``kind`` if new."""
        if not name or not name.strip():
            return self._next(kind)
        return self.add(Term(name, kind))

    def company(self, name: str | None) -> str:
        if not name or not name.strip():
            return "a company"
        return self.add(Term(name, "company"))

    def _regex(self) -> re.Pattern[str]:
        if self._pattern is None:
            names = sorted(self._names, key=len, reverse=True)
            alternatives = "|".join(
                _pattern(self._case_sensitive[n], True) if n in self._case_sensitive else _pattern(n, False)
                for n in names
            )
            self._pattern = re.compile(rf"(?<![\w@])({alternatives})(?![\w@]|\.\w)")
        return self._pattern

    def text(self, text: str) -> str:
        """``text`` with every redacted term replaced: bracketed, unless it is the whole text."""
        if not text or not self._names:
            return text
        whole = text.strip()

        def replace(match: re.Match[str]) -> str:
            pseudonym = self._names.get(" ".join(match.group(1).split()).casefold(), "[redacted]")
            return pseudonym if match.group(1) == whole else f"[{pseudonym}]"

        return self._regex().sub(replace, text)
