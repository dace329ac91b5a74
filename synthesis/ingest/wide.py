"""UTF-16 and UTF-32 text saved without a byte-order mark, recognised by where its zero bytes fall.

Latin-script text in these encodings has a zero byte in fixed positions of (nearly) every code unit:
the high bytes of each unit. Binary files have zeros too, but not in such a regular pattern, and they
rarely decode strictly in the encoding the pattern suggests.
"""

from __future__ import annotations

_REGULAR = 0.6
"""Share of code units whose zero bytes sit in the expected positions for the pattern to count."""
_STRAY = 0.05
"""Largest share of zeros allowed in the other positions (a real character's low byte is rarely zero)."""


def wide_encoding(data: bytes) -> str | None:
    """``utf-32-le``/``-be`` or ``utf-16-le``/``-be`` when the zero bytes say so, else None.

    A unit counts when its high bytes are zero and its low byte is not: runs of zeros count for nothing.
    """
    if len(data) >= 8 and len(data) % 4 == 0:
        units = len(data) // 4
        groups = [data[i : i + 4] for i in range(0, len(data), 4)]
        if sum(g[0] != 0 and g[2:] == b"\0\0" for g in groups) >= _REGULAR * units:
            return "utf-32-le"
        if sum(g[3] != 0 and g[:2] == b"\0\0" for g in groups) >= _REGULAR * units:
            return "utf-32-be"
    if len(data) >= 4 and len(data) % 2 == 0:
        units = len(data) // 2
        low_le = sum(a != 0 and b == 0 for a, b in zip(data[0::2], data[1::2], strict=True))
        low_be = sum(a == 0 and b != 0 for a, b in zip(data[0::2], data[1::2], strict=True))
        if low_le >= _REGULAR * units and data[0::2].count(0) <= _STRAY * units:
            return "utf-16-le"
        if low_be >= _REGULAR * units and data[1::2].count(0) <= _STRAY * units:
            return "utf-16-be"
    return None
