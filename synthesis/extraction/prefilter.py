"""Literal prefilters for regular expressions: skip a pattern on text that cannot hold a match.

``required_literals(pattern)`` reads the pattern's parse tree and returns strings of which every match must
contain at least one (``"i own"``, ``"i run"``, ... for ``\\bi (?:own|run)\\b``), or None when it cannot tell.
A text that contains none of them holds no match, so the pattern need not scan it. ``LiteralFinder`` finds
which literals of many patterns a text contains in one scan, far cheaper than one scan per pattern.
The parse tree comes from ``re._parser`` (CPython's own; its shape is stable since 3.11). Anything the
analysis does not recognise makes it answer None: the pattern then always runs, which is slower, never wrong.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Iterable, Iterator, Sequence

_MAX_STRINGS = 64
"""Largest set of alternatives kept while joining exact pieces (beyond it the analysis stops joining)."""
_MAX_NEEDED = 4096
"""Largest set of required strings kept for an alternation (a gazetteer of names is one)."""
_MAX_CLASS = 8
"""Largest character class kept as a set of one-character strings."""
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}

Strings = frozenset[str]


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains one, or None when unknown.

    With ``re.IGNORECASE`` the strings are as written in the pattern: look for them case-insensitively too.
    """
    needed = _needed(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not needed or "" in needed:
        return None
    return needed


class LiteralFinder:
    """Which of many literals occur in a text, found in one scan (a trie-shaped regex tried at each position).

    At each position the scan matches the longest literal starting there; every other literal starting there
    is a prefix of it, so adding those prefixes gives exactly the set of literals the text contains.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        words = sorted({s for s in literals if s})
        known = set(words)
        self._prefixes = {w: frozenset(w[:n] for n in range(1, len(w) + 1) if w[:n] in known) for w in words}
        self._scan = re.compile(f"(?=({_trie_regex(words)}))", re.DOTALL) if words else None

    def present(self, text: str) -> frozenset[str]:
        """The literals that occur in ``text``."""
        if self._scan is None:
            return frozenset()
        longest = {m.group(1) for m in self._scan.finditer(text)}
        return frozenset().union(*(self._prefixes[w] for w in longest))


def literal_gate(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test that is False only for a text in which ``pattern`` cannot match (one cheap scan for its
    required literals, with the pattern's case sensitivity); always True when the literals are unknown."""
    literals = required_literals(pattern)
    if literals is None:
        return lambda _text: True
    scan = re.compile(_trie_regex(sorted(literals)), pattern.flags & re.IGNORECASE)
    return lambda text: scan.search(text) is not None


def _trie_regex(words: Sequence[str]) -> str:
    """A regex matching any of ``words``, shaped as their trie and preferring the longest at a position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    branches = [re.escape(char) + _node_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _exact(item: tuple) -> Strings | None:
    """Every string ``item`` can match (a superset is fine), or None when there are too many."""
    op, arg = item
    if op == sre.LITERAL:
        return frozenset({chr(arg)})
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op == sre.IN:
        return _class_chars(arg)
    if op == sre.SUBPATTERN:
        return None if arg[1] or arg[2] else _exact_sequence(list(arg[3]))
    if op == sre.BRANCH:
        return _union(_exact_sequence(list(alt)) for alt in arg[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = arg
        inner = _exact_sequence(list(body))
        if inner is None or high > 1:
            return None
        return inner | {""} if low == 0 else inner
    return None


def _class_chars(arg: list) -> Strings | None:
    """The characters of a small class of plain literals (``[$€£]``), else None."""
    if len(arg) > _MAX_CLASS or any(op != sre.LITERAL for op, _ in arg):
        return None
    return frozenset(chr(c) for _, c in arg)


def _union(parts: Iterator[Strings | None], limit: int = _MAX_STRINGS) -> Strings | None:
    """All strings of ``parts``; None when one part is None or there are more than ``limit``."""
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return frozenset(out) if len(out) <= limit else None


def _exact_sequence(items: list) -> Strings | None:
    """The strings a sequence of items can match, joined piece by piece, or None."""
    joined: Strings = frozenset({""})
    for item in items:
        piece = _exact(item)
        if piece is None or len(joined) * len(piece) > _MAX_STRINGS:
            return None
        joined = frozenset(a + b for a in joined for b in piece)
    return joined


def _needed(items: list) -> Strings | None:
    """Strings of which every match of the sequence ``items`` contains one, or None.

    Runs of items with exact strings are joined ("i", " ", "own|run" -> "i own", "i run"); an item without
    exact strings ends a run and offers its own requirement. The most selective candidate wins.
    """
    candidates: list[Strings] = []
    run: Strings = frozenset({""})
    for item in items:
        piece = _exact(item)
        if piece is not None and len(run) * len(piece) <= _MAX_STRINGS:
            run = frozenset(a + b for a in run for b in piece)
            continue
        candidates.append(run)
        run = frozenset({""})
        inner = _needed_item(item)
        if inner is not None:
            candidates.append(inner)
        if piece is not None:
            run = piece
    candidates.append(run)
    useful = [c for c in candidates if c and "" not in c]
    return max(useful, key=_selectivity, default=None)


def _needed_item(item: tuple) -> Strings | None:
    """What every match of one item contains (it need not have a finite set of exact strings)."""
    op, arg = item
    if op == sre.SUBPATTERN:
        return None if arg[1] or arg[2] else _needed(list(arg[3]))
    if op == sre.BRANCH:
        return _union((_needed(list(alt)) for alt in arg[1]), _MAX_NEEDED)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _needed(list(arg[2]))
    return None


def _selectivity(strings: Strings) -> tuple[int, int]:
    """Longer shortest string first, then fewer strings: a rarer requirement skips more texts."""
    return min(len(s) for s in strings), -len(strings)
