"""An interviewee label as people write it ("THOMAS OKAFOR", "Sander de Vries, Head of Growth") split into a
properly cased name and a job title."""

from __future__ import annotations

import re

_TITLE_SEPARATOR = re.compile(r"\s*(?:,|\s[-–—|]\s|\()\s*")
_PARTICLES = frozenset(
    {"de", "van", "der", "den", "von", "da", "di", "du", "la", "le", "del", "bin", "al", "ten"}
)


def _proper_word(word: str, first: bool) -> str:
    if not first and word.lower() in _PARTICLES:
        return word.lower()
    parts = re.split(r"([-'’])", word.lower())
    cased = "".join(part[:1].upper() + part[1:] for part in parts)
    return re.sub(r"^(Mc)(\w)", lambda m: m.group(1) + m.group(2).upper(), cased)


def proper_case(name: str) -> str:
    """A name typed all in capitals or all in lower case, as names are written; mixed case is kept."""
    if not (name.isupper() or name.islower()):
        return name
    return " ".join(_proper_word(word, n == 0) for n, word in enumerate(name.split()))


_SMALL_WORDS = frozenset({"of", "and", "the", "for", "at", "in", "to", "&"})
_ACRONYMS = frozenset(
    {
        "VP",
        "SVP",
        "EVP",
        "CEO",
        "CFO",
        "CRO",
        "COO",
        "CTO",
        "CIO",
        "CMO",
        "CPO",
        "CISO",
        "IT",
        "HR",
        "EMEA",
        "APAC",
        "US",
        "UK",
        "EU",
        "B2B",
        "GTM",
        "PM",
        "SDR",
        "BDR",
        "AE",
    }
)
_SPECIAL = {"REVOPS": "RevOps", "SAAS": "SaaS", "FP&A": "FP&A"}


def _title_word(word: str, first: bool) -> str:
    if word in _SPECIAL:
        return _SPECIAL[word]
    if word.rstrip(",") in _ACRONYMS:
        return word
    return word.lower() if not first and word.lower() in _SMALL_WORDS else word.capitalize()


def title_case(title: str) -> str:
    """A job title typed all in capitals as titles are written ("HEAD OF GROWTH" -> "Head of Growth")."""
    if not title.isupper():
        return title
    return " ".join(_title_word(word, n == 0) for n, word in enumerate(title.split()))


def split_name_and_title(label: str) -> tuple[str, str | None]:
    """("Sander de Vries", "Head of Growth") from "Sander de Vries, Head of Growth"; the title is None when
    the label is a name alone."""
    label = " ".join(label.split())
    parts = _TITLE_SEPARATOR.split(label, maxsplit=1)
    name = proper_case(parts[0].strip())
    title = parts[1].strip().rstrip(")").strip() if len(parts) > 1 else ""
    return name, title_case(title) or None
