"""Merge near-duplicate insights of one kind, across interviews, into themes with prevalence and dissent.

Rules, kept simple on purpose:
- Similarity compares statements with negations, filler words and plural/tense endings removed, using
  rapidfuzz's token_set_ratio tempered by token_sort_ratio (their mean), so "Does not trust vendor demos" and
  "Trusts vendor demos" are the same topic with opposite stances. When either statement has fewer than
  ``MIN_SUBSET_WORDS`` topic words, token_sort_ratio alone decides (one shared word is not a topic).
- Clustering is greedy and order-stable: items in (interview, insight) order join the most similar theme when
  the similarity reaches ``threshold``, else start a new theme.
- A statement's stance is negative when it holds an odd number of negation words (not, never, no, n't ...).
- A theme's stance is the one held by more respondents (distinct interviews); ties go to the earliest item.
  Prevalence counts the respondents holding it; dissent is the respondents in the theme who only hold the
  opposite stance.
- Themes are ranked: fragments last (every supporting statement is a question, a scrap or wordless, see
  ``statements``), then by prevalence, then by the informativeness of their best supporting statement.
- A theme's label is a short phrase (``statements.theme_label``) from its best supporting statement: not a
  fragment, then informativeness plus centrality (mean similarity to the other supporting statements).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from synthesis.personas.statements import informativeness, is_fragment, theme_label

DEFAULT_THRESHOLD = 70.0
MIN_SUBSET_WORDS = 3
"""A statement with fewer topic words never matches by containment alone ("procurement" is in many)."""

_NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "cannot",
        "without",
        "lacks",
        "lack",
        "n't",
        "dont",
        "doesnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "cant",
        "wont",
        "didnt",
        "hasnt",
        "havent",
        "shouldnt",
        "wouldnt",
        "couldnt",
    ]
)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "should",
        "will",
        "just",
        "very",
        "really",
        "more",
        "most",
        "much",
        "some",
        "any",
        "all",
        "also",
        "so",
        "than",
        "then",
        "there",
        "about",
        "into",
        "over",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class ThemeItem:
    insight_id: int
    interview_id: int
    statement: str
    confidence: float = 0.5


@dataclass(frozen=True)
class Theme:
    label: str
    negative: bool
    items: tuple[ThemeItem, ...]
    respondents: frozenset[int]
    """Interviews whose respondent holds the theme's stance."""
    dissenters: frozenset[int]
    """Interviews whose respondent only holds the opposite stance."""
    fragment: bool = False
    """Every supporting statement is a fragment (a question, a scrap, no content word)."""
    score: float = 0.0
    """Informativeness of the best supporting statement."""

    def prevalence(self, total: int) -> str:
        return f"{len(self.respondents)} of {total} respondents"


def _tokens(statement: str) -> list[str]:
    words = _WORD.findall(statement.lower().replace("’", "'"))
    out: list[str] = []
    for word in words:
        if word.endswith("n't"):
            out.extend([word[:-3], "n't"])
        else:
            out.append(word)
    return out


def is_negative(statement: str) -> bool:
    return sum(t in _NEGATIONS for t in _tokens(statement)) % 2 == 1


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def core(statement: str) -> str:
    """The statement's topic words: no negations, no filler, crude stems."""
    return " ".join(_stem(t) for t in _tokens(statement) if t not in _NEGATIONS and t not in _STOPWORDS)


def similarity(a: str, b: str) -> float:
    """0-100 topic similarity of two statements, ignoring stance."""
    ca, cb = core(a), core(b)
    if not ca or not cb:
        return 100.0 if ca == cb else 0.0
    ordered = fuzz.token_sort_ratio(ca, cb)
    if min(ca.count(" "), cb.count(" ")) + 1 < MIN_SUBSET_WORDS:
        return ordered
    return (fuzz.token_set_ratio(ca, cb) + ordered) / 2


class SimilarityTable:
    """Every pairwise ``similarity`` of some items' statements, computed at once in rapidfuzz's C code."""

    def __init__(self, items: Sequence[ThemeItem]) -> None:
        self.row = {item.insight_id: index for index, item in enumerate(items)}
        cores = [core(item.statement) for item in items]
        words = np.array([c.count(" ") + 1 if c else 0 for c in cores])
        ordered = process.cdist(cores, cores, scorer=fuzz.token_sort_ratio, dtype=np.float64)
        contained = process.cdist(cores, cores, scorer=fuzz.token_set_ratio, dtype=np.float64)
        few_words = np.minimum.outer(words, words) < MIN_SUBSET_WORDS
        scores = np.where(few_words, ordered, (contained + ordered) / 2)
        empty = words == 0
        either_empty = np.logical_or.outer(empty, empty)
        self.scores = np.where(either_empty, np.where(np.logical_and.outer(empty, empty), 100.0, 0.0), scores)


def stance_split(items: Sequence[ThemeItem]) -> tuple[bool, frozenset[int], frozenset[int]]:
    """(theme is negative, supporting interviews, dissenting interviews) of one theme's items."""
    by_stance: dict[bool, set[int]] = {True: set(), False: set()}
    for item in items:
        by_stance[is_negative(item.statement)].add(item.interview_id)
    negative = is_negative(items[0].statement)
    if len(by_stance[not negative]) > len(by_stance[negative]):
        negative = not negative
    support = frozenset(by_stance[negative])
    return negative, support, frozenset(by_stance[not negative] - support)


def _best(candidates: Sequence[ThemeItem], table: SimilarityTable) -> ThemeItem:
    """The statement that best speaks for the theme (earliest on ties)."""
    indices = [table.row[item.insight_id] for item in candidates]
    block = table.scores[np.ix_(indices, indices)]
    others = max(len(candidates) - 1, 1)

    def key(position: int) -> tuple[bool, float]:
        item = candidates[position]
        centrality = (block[position].sum() - block[position, position]) / (100 * others)
        return not is_fragment(item.statement), informativeness(item.statement, item.confidence) + centrality

    return candidates[max(range(len(candidates)), key=key)]


def build_theme(items: Sequence[ThemeItem], table: SimilarityTable | None = None) -> Theme:
    """The theme of clustered items (``table``: their similarities, when already computed)."""
    negative, support, dissent = stance_split(items)
    candidates = [i for i in items if is_negative(i.statement) == negative]
    best = _best(candidates, table or SimilarityTable(items))
    return Theme(
        theme_label(best.statement),
        negative,
        tuple(items),
        support,
        dissent,
        all(is_fragment(c.statement) for c in candidates),
        max(informativeness(c.statement, c.confidence) for c in candidates),
    )


def _unique_labels(themes: list[Theme]) -> list[Theme]:
    """Labels name themes in storage, so two themes of one kind never share one."""
    seen: set[str] = set()
    out = []
    for theme in themes:
        label, number = theme.label, 1
        while label.lower() in seen:
            number += 1
            label = f"{theme.label.rstrip('.…')} ({number})"
        seen.add(label.lower())
        out.append(replace(theme, label=label))
    return out


def _rank(theme: Theme) -> tuple[bool, int, float, int, str]:
    return (
        theme.fragment,
        -len(theme.respondents),
        -theme.score,
        min(i.interview_id for i in theme.items),
        theme.label,
    )


def merge_themes(items: Sequence[ThemeItem], *, threshold: float = DEFAULT_THRESHOLD) -> list[Theme]:
    """Cluster one kind's insights into themes, ranked (fragments last, then prevalence, informativeness)."""
    ordered = sorted(items, key=lambda i: (i.interview_id, i.insight_id))
    table = SimilarityTable(ordered)
    labels = np.zeros(len(ordered), dtype=np.int64)
    clusters: list[list[ThemeItem]] = []
    for row, item in enumerate(ordered):
        if clusters:
            best_per_cluster = np.full(len(clusters), -1.0)
            np.maximum.at(best_per_cluster, labels[:row], table.scores[row, :row])
            best = int(best_per_cluster.argmax())  # the first cluster on ties, as before
            if best_per_cluster[best] >= threshold:
                clusters[best].append(item)
                labels[row] = best
                continue
        labels[row] = len(clusters)
        clusters.append([item])
    themes = sorted((build_theme(cluster, table) for cluster in clusters), key=_rank)
    return _unique_labels(themes)
