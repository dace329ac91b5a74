"""The checks every model-written sentence passes before it is kept: it cites insight ids, each of which
exists, belongs to the persona written about and supports the theme or field the sentence is about; and it
names no one from the interviews (``names_person``), so an anonymised report cannot leak a name through it.

A sentence with any citation that fails is dropped (not repaired) and counted under its ``DropReason``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class DropReason(StrEnum):
    NO_CITATION = "no citation"
    UNKNOWN_ID = "cites an insight that does not exist"
    OTHER_PERSONA = "cites an insight of another persona"
    OTHER_FIELD = "cites an insight outside its theme or field"
    UNKNOWN_THEME = "about a theme that was not asked for"
    LABEL_RULES = "theme name breaks the label rules"
    EMPTY = "empty text"
    NAMES_PERSON = "names a person from the interviews"


@dataclass(frozen=True)
class CitationIndex:
    """What citations are checked against: every insight id, and the personas each insight is placed in."""

    existing: frozenset[int]
    personas_of: Mapping[int, frozenset[int]]

    def problem(
        self, cites: Iterable[int], *, allowed: Collection[int], persona_id: int | None = None
    ) -> DropReason | None:
        """Why a sentence citing ``cites`` must be dropped, or None when every citation is valid.

        ``allowed`` are the ids that support what the sentence is about (a theme's members, a persona's
        themes); ``persona_id`` is the persona written about (None for the executive summary).
        """
        ids = list(cites)
        if not ids:
            return DropReason.NO_CITATION
        if any(i not in self.existing for i in ids):
            return DropReason.UNKNOWN_ID
        if persona_id is not None and any(persona_id not in self.personas_of.get(i, ()) for i in ids):
            return DropReason.OTHER_PERSONA
        if any(i not in allowed for i in ids):
            return DropReason.OTHER_FIELD
        return None


def names_person(text: str, names: Collection[str]) -> bool:
    """Whether ``text`` holds one of ``names`` (or a part of one, such as a first name) as a whole word."""
    parts = {p for name in names for p in name.split() if len(p) > 1}
    return any(re.search(rf"\b{re.escape(p)}\b", text) for p in parts)


class DropCounts(Counter[str]):
    """Sentences dropped, by reason."""

    def drop(self, reason: DropReason, sentences: int = 1) -> None:
        self[reason.value] += sentences
