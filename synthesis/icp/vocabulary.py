"""Money scales and funding stages, written once for the extractor and the ICP criteria.

The extractor finds these words in speech; ICP criteria parse and compare them. Place names are in ``places``.
"""

from __future__ import annotations

import re

MONEY_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
"""A scale word after an amount ("$12M", "4 billion") -> its multiplier (compare in lower case)."""
SCALE_PATTERN = "|".join(sorted(MONEY_SCALES, key=len, reverse=True))
"""The scale words as a regular-expression alternation, longest first."""

FUNDING_STAGES = (
    "bootstrapped",
    "pre-seed",
    "seed",
    *(f"series {c}" for c in "abcdefgh"),
    "venture-backed",
    "private equity",
    "public",
)
"""The canonical funding stages, as ICP criteria store them."""
_FUNDING_ALIASES = {
    "preseed": "pre-seed",
    "pre seed": "pre-seed",
    "pe-backed": "private equity",
    "pe backed": "private equity",
    "pe": "private equity",
    "vc-backed": "venture-backed",
    "vc backed": "venture-backed",
    "venture backed": "venture-backed",
    "publicly traded": "public",
    "public company": "public",
    "ipo": "public",
    "ipo'd": "public",
    "ipod": "public",
    "listed": "public",
    "self-funded": "bootstrapped",
}
_ONLY_IN_A_FIELD = frozenset({"public", "pe", "ipo", "listed"})
"""Names that mean a stage typed into a funding field, but not in speech ("public sector", "we listed")."""
SPOKEN_FUNDING_PATTERN = "|".join(
    re.escape(name)
    for name in sorted({*FUNDING_STAGES, *_FUNDING_ALIASES} - _ONLY_IN_A_FIELD, key=len, reverse=True)
)
"""The funding-stage names that say a stage in speech, as a regular-expression alternation, longest first."""


def funding_stage(text: str) -> str | None:
    """The canonical funding stage named in ``text`` ("Series B" -> "series b"), or None."""
    key = re.sub(r"\s+", " ", text.strip().lower())
    key = _FUNDING_ALIASES.get(key, key)
    return key if key in FUNDING_STAGES else None
