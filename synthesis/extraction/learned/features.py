"""Sparse binary features of a candidate unit, hashed into a fixed number of columns.

Every feature is a short string ("cue:pain:frustrat", "w:invoice", "qw:budget"); its column is the CRC-32
of the string modulo ``DIM``, so features need no vocabulary file and are the same on every machine.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

from synthesis.extraction.learned.units import Unit

DIM = 1 << 14
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NEGATION = re.compile(r"\b(?:not|no|never|nothing|nobody|none|neither|nor|without|cannot)\b|n't\b")
_PAST = re.compile(r"\b(?:was|were|did|had|used to|went|got|made|tried|bought|found|\w{3,}ed)\b")
_MODAL = re.compile(r"\b(?:will|would|could|might|should|going to|gonna|hope|wish)\b|'d\b|'ll\b")
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|mine|we|we're|we've|our|us)\b")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=200_000)
def column(feature: str) -> int:
    """The column of one feature string (cached: the same words recur)."""
    return zlib.crc32(feature.encode()) & (DIM - 1)


def _length_bin(words: int) -> str:
    for limit, label in ((6, "xs"), (11, "s"), (21, "m"), (36, "l")):
        if words < limit:
            return f"len:{label}"
    return "len:xl"


def feature_names(unit: Unit) -> list[str]:
    """The feature strings of one unit (content first; the question only as context and in interactions)."""
    low = unit.text.lower()
    words = _WORD.findall(low)
    out = ["bias", _length_bin(len(words)), f"pos:{min(int(unit.position * 5), 4)}",
           f"rank:{min(unit.rank_in_turn, 2)}", "clause" if unit.is_clause else "sentence"]
    cue_kinds = sorted({kind for kind, _ in unit.cue_kinds})
    out += [f"cue:{kind}:{name}" for kind, name in unit.cue_kinds]
    out += [f"cuekind:{kind}" for kind in cue_kinds]
    out += [f"field:{f}" for f in unit.fields]
    question = unit.question_kind or "-"
    out.append(f"q:{question}")
    out += [f"q:{question}&{kind}" for kind in cue_kinds]
    flags = {"neg": _NEGATION, "past": _PAST, "modal": _MODAL, "first": _FIRST, "digit": _DIGIT}
    for name, pattern in flags.items():
        if pattern.search(low):
            out.append(name)
            out += [f"{name}&{kind}" for kind in cue_kinds]
    out += [f"qw:{w}" for w in set(_WORD.findall(unit.question))]
    out += [f"w:{w}" for w in words]
    return out


def feature_columns(unit: Unit) -> list[int]:
    """The distinct hashed columns of one unit's features."""
    return sorted(set(map(column, feature_names(unit))))
