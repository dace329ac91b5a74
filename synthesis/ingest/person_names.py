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


def split_name_and_title(label: str) -> tuple[str, str | None]:
    """("Sander de Vries", "Head of Growth") from "Sander de Vries, Head of Growth"; the title is None when
    the label is a name alone."""
    label = " ".join(label.split())
    parts = _TITLE_SEPARATOR.split(label, maxsplit=1)
    name = proper_case(parts[0].strip())
    title = parts[1].strip().rstrip(")").strip() if len(parts) > 1 else ""
    return name, title or None
