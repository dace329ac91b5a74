"""Find the terms an anonymised export should redact: names, companies, places, e-mails, URLs and handles.

A candidate is any capitalised token or run of tokens that is not ordinary (see ``lexicon``), a name after a
title ("Dr. Okonkwo"), a capitalised word inside a run that holds such a name ("Xiaoming Li"), a run after
"at" ("At Tundra Freight we…") or a common word capitalised after "in" ("in Pavilion"), both organisations, a
place or nationality (coarsened to its region later), and every e-mail address, web address and @handle with
their parts. A run is a person only when none of its words is written in lower case elsewhere ("Cyber
Essentials Plus" is a name, so "Plus" alone is never redacted). Runs may hold particles ("Ní", "van der")
and cross a line break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from synthesis.report.lexicon import GREETINGS, PARTICLES, ROLE_WORDS, TITLES, Lexicon, is_acronym, zipf

PERSON_KINDS = ("respondent", "interviewer", "person")
KINDS = (*PERSON_KINDS, "company", "place", "email", "url", "handle", "name")
"""Kinds of terms; "name" is a proper noun of unknown kind."""

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,}")
_TOKEN = re.compile(r"[^\W\d_][\w]*(?:['’.-][^\W\d_][\w]*)*")
_POSSESSIVE = re.compile(r"['’](?:s|m|d|ll|ve|re|t)?$")
_CONTRACTION = re.compile(r"['’](?:s|m|d|ll|ve|re|t)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;\"“”(\[]\s*$|^\s*$")
_COMPANY_WORDS = frozenset(
    """inc ltd llc plc gmbh ag sa bv oy ab as kk pty co corp corporation company group holdings labs
    software freight logistics analytics security systems technologies technology studio partners capital
    solutions bank mutual insurance health foods media digital ventures consulting""".split()
)
_AFTER_AT = re.compile(r"\b(?:at|At|with|from|joined|for)\s$")
_IN_GROUP = re.compile(r"\b(?:in|at|joined)\s$")
"""Before a single capitalised common word, it names an organisation: "I'm in Pavilion", "joined Ramp"."""
FUNCTION_WORD_ZIPF = 5.5
"""A sentence's first word this frequent ("At", "Then", "So") is not part of the name after it."""
_WEBMAIL = frozenset(
    "gmail googlemail yahoo hotmail outlook live icloud proton protonmail aol gmx mail".split()
)


@dataclass(frozen=True)
class Term:
    """Text to redact and what kind of thing it names."""

    text: str
    kind: str

    @property
    def key(self) -> str:
        return " ".join(self.text.split()).casefold()


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens with possessive endings removed ("Okafor's" -> "Okafor")."""
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if "'" in word or "’" in word:
            word = _POSSESSIVE.sub("", _CONTRACTION.sub("", word))
        if "." in word and word.casefold().rstrip(".") not in TITLES:
            word = word.rstrip(".")
        if len(word) >= 2:
            found.append((word, match.start(), match.start() + len(word)))
    return found


def _runs(text: str) -> Iterator[list[tuple[str, int, int]]]:
    """Runs of capitalised tokens joined by one space or line break, particles allowed inside."""
    run: list[tuple[str, int, int]] = []
    for token in _tokens(text):
        word, start, _end = token
        gap = text[run[-1][2] : start] if run else ""
        titled = bool(run) and run[-1][0].casefold() in TITLES and gap in (". ", ".\n")
        joined = bool(run) and (gap in (" ", "\n", " \n", "\n ", "\r\n", "\t") or titled)
        if _capitalised(word) or (word.casefold() in PARTICLES and (joined or not run)):
            if run and not joined:
                yield run
                run = []
            run.append(token)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


class Finder:
    """Collects candidate terms from texts; ``terms`` is the result, first-seen order."""

    def __init__(self, lexicon: Lexicon, lowercase: set[str]) -> None:
        self.lexicon = lexicon
        self.lowercase = lowercase
        """Words the texts use in lower case (outside addresses): "then", "grace period"."""
        self.terms: dict[str, Term] = {}

    def add(self, text: str, kind: str) -> None:
        text = " ".join(text.split()).strip(" .,;:")
        if len(text) < 2 or self.lexicon.is_tool_or_kept(text):
            return
        term = Term(text, kind)
        existing = self.terms.get(term.key)
        if existing is None or (existing.kind == "name" and kind != "name"):
            self.terms[term.key] = term

    def scan(self, text: str) -> None:
        """Add every candidate found in ``text``."""
        if not text:
            return
        text = self._addresses(text)
        for run in _runs(text):
            self._run(text, run)

    def _addresses(self, text: str) -> str:
        """Add e-mails, URLs and handles with their parts; returns the text with them blanked."""
        for match in EMAIL.finditer(text):
            local, _, domain = match.group().partition("@")
            self.add(match.group(), "email")
            for part in re.split(r"[._+'-]+", local):
                if len(part) >= 2 and part.isalpha():
                    self.add(part, "person")
            self._domain(domain)
        text = EMAIL.sub(lambda m: " " * len(m.group()), text)
        for match in URL.finditer(text):
            url = match.group().rstrip(".,;:!?")
            self.add(url, "url")
            host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).split("/")[0]
            self._domain(host)
        text = URL.sub(lambda m: " " * len(m.group()), text)
        for match in HANDLE.finditer(text):
            self.add(match.group(), "handle")
            self.add(match.group()[1:], "person")
        return HANDLE.sub(lambda m: " " * len(m.group()), text)

    def _domain(self, domain: str) -> None:
        labels = [p for p in domain.split(".") if p]
        if len(labels) < 2:
            return
        self.add(domain, "company")
        for label in labels[:-1]:
            if label.casefold() not in _WEBMAIL and label.casefold() not in ("co", "com", "org", "net"):
                self.add(label, "company")

    def _run(self, text: str, run: list[tuple[str, int, int]]) -> None:
        while run and run[-1][0].casefold() in PARTICLES:
            run = run[:-1]
        title = run[0] if run and run[0][0].casefold().rstrip(".") in TITLES and len(run) > 1 else None
        run = run[1:] if title else run
        if not run:
            return
        start = run[0][1]
        sentence_start = bool(_SENTENCE_END.search(text[max(0, start - 3) : start]))
        if sentence_start and not title and self._leading_ordinary(run[0][0]):
            if len(run) == 1:
                return
            run = run[1:]
            start, sentence_start = run[0][1], False
        words = [w for w, _, _ in run]
        phrase = text[start : run[-1][2]]
        if self.lexicon.is_place(" ".join(words)):
            if phrase.casefold() not in _REGION_NAMES:
                self.add(phrase, "place")
            return
        rare = [
            w
            for i, w in enumerate(words)
            if w.casefold() not in PARTICLES and not self._ordinary(w, sentence_start and i == 0)
        ]
        before = text[max(0, start - 8) : start]
        if title:
            self.add(phrase, "person")
            self.add(text[title[1] : run[-1][2]], "person")
        elif rare and self._organisation(words, before):
            self.add(phrase, "company")
        elif rare:
            self._parts(words, phrase)

    def _organisation(self, words: list[str], before: str) -> bool:
        """A run after "at" or ending like a company ("Tundra Freight"), or one common word after "in"."""
        if len(words) > 1:
            return bool(_AFTER_AT.search(before)) or words[-1].casefold() in _COMPANY_WORDS
        return self.lexicon.is_ordinary(words[0]) and bool(_IN_GROUP.search(before))

    def _ordinary(self, word: str, sentence_start: bool) -> bool:
        """Ordinary, unless frequent but capitalised mid-sentence and never in lower case ("John")."""
        if not self.lexicon.is_ordinary(word):
            return False
        if sentence_start or self.lexicon.is_tool_or_kept(word) or is_acronym(word) or len(word) < 2:
            return True
        if word.casefold() in ROLE_WORDS or word.casefold() in GREETINGS:
            return True
        if "-" in word and word.split("-", 1)[1].islower():
            return True  # "C-level", "E-commerce": a word with a capital prefix, never a name
        return word.casefold() in self.lowercase or self.lexicon.is_place(word)

    def _parts(self, words: list[str], phrase: str) -> None:
        """A run with a rare word: the whole run, unless it is a tool or place with a name beside it."""
        pieces = [w for w in words if not self.lexicon.is_tool_or_kept(w) and not self.lexicon.is_place(w)]
        if len(pieces) == len(words):
            person = len(words) > 1 and not any(w.casefold() in self.lowercase for w in words)
            self.add(phrase, "person" if person else "name")
            return
        for word in pieces:
            if word.casefold() not in PARTICLES and not self.lexicon.is_ordinary(word):
                self.add(word, "name")

    def _leading_ordinary(self, word: str) -> bool:
        """A sentence's first word that the texts also use in lower case ("Then", "At"), not a name."""
        folded = word.casefold()
        if folded in self.lowercase or folded in GREETINGS or zipf(word) >= FUNCTION_WORD_ZIPF:
            return True
        return self.lexicon.is_tool_or_kept(word)


def lowercase_words(texts: list[str]) -> set[str]:
    """Words written in lower case somewhere in ``texts``, ignoring e-mails, URLs and handles."""
    words: set[str] = set()
    for text in texts:
        text = HANDLE.sub(" ", URL.sub(" ", EMAIL.sub(" ", text or "")))
        words.update(w for w in re.findall(r"[^\W\d_]+", text) if w[:1].islower())
    return words


def find_terms(texts: list[str], lexicon: Lexicon) -> dict[str, Term]:
    """Candidate terms of ``texts`` by key (case-folded text), in first-seen order."""
    finder = Finder(lexicon, lowercase_words(texts) - PARTICLES)
    for text in texts:
        finder.scan(text)
    return finder.terms


_REGION_NAMES = frozenset(
    r.casefold()
    for r in (
        "North America",
        "Latin America",
        "Europe",
        "Middle East",
        "Africa",
        "Central Asia",
        "APAC",
        "EMEA",
        "LATAM",
        "Asia",
        "Asia Pacific",
        "DACH",
        "Nordics",
        "Benelux",
        "Scandinavia",
    )
)
