"""Group one field's insights, across interviews, into themes by meaning, with prevalence and dissent.

Rules, kept simple on purpose:
- Similarity is the cosine of the statements' sentence vectors (``embeddings``, WordLlama weights shipped on
  PyPI), as 0-100. When the weights cannot be loaded, word overlap (``similarity``: rapidfuzz on the
  statements with negations, fillers and endings removed) is used instead.
- Clustering is greedy, average-linkage and order-stable: items in (interview, insight) order join the theme
  whose members they are most similar to on average, when that mean reaches ``MEANING_THRESHOLD``, else
  start a new theme.
- A statement's stance is negative when it holds an odd number of negation words (not, never, no, n't ...).
- A respondent is a person in one interview (``ThemeItem.respondent``: interview and speaker); the same
  speaker label in two interviews ("User", "Participant 1") is two respondents.
- A theme's stance is the one held by more respondents; ties go to the earliest item. Prevalence counts the
  respondents holding it; dissent is the respondents in the theme who only hold the opposite stance.
- Themes are ranked: fragments last (every supporting statement is a question, a scrap or wordless, see
  ``statements``), then by prevalence, then by the informativeness of their best supporting statement.
- A theme's label is written by ``label_writer`` from its supporting members, most representative (highest
  informativeness plus mean similarity to the other members) first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from synthesis.personas.embeddings import EmbeddingsUnavailable, cosine_matrix
from synthesis.personas.label_writer import write_label
from synthesis.personas.statements import informativeness, is_fragment

DEFAULT_THRESHOLD = 70.0
"""Word-overlap similarity (0-100) at which two statements or labels are one topic."""
MEANING_THRESHOLD = 30.0
"""Mean sentence-vector cosine (x 100) to other respondents' members at which a statement joins a theme."""
SAME_RESPONDENT_MARGIN = 15.0
"""Extra similarity a statement needs to join a theme held only by its own respondent."""
LONE_THEME_SLACK = 10.0
"""How much less similar a one-respondent theme may be to join another respondent's theme (second pass)."""
MIN_SUBSET_WORDS = 3
"""A statement with fewer topic words never matches by containment alone ("procurement" is in many)."""

_NEGATIONS = frozenset(
    """not no never none nobody nothing neither nor cannot without lacks lack n't dont doesnt isnt arent
    wasnt werent cant wont didnt hasnt havent shouldnt wouldnt couldnt""".split()
)
_STOPWORDS = frozenset(
    """a an the and or of to for in on at by with from as is are was were be been being it its this that
    these those their they them he she his her has have had do does did can could would should will just
    very really more most much some any all also so than then there about into over""".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class ThemeItem:
    insight_id: int
    interview_id: int
    statement: str
    confidence: float = 0.5
    speaker: str = ""
    """Who said it in the interview (the speaker of its evidence), "" when unknown."""
    quote: str = ""
    """Its verbatim evidence, used to write whole-sentence labels."""

    @property
    def respondent(self) -> tuple[int, str]:
        """A person in one interview: never merged across interviews by a shared speaker label."""
        return (self.interview_id, self.speaker)


@dataclass(frozen=True)
class Theme:
    label: str
    negative: bool
    items: tuple[ThemeItem, ...]
    respondents: frozenset[tuple[int, str]]
    """Respondents (``ThemeItem.respondent``) holding the theme's stance."""
    dissenters: frozenset[tuple[int, str]]
    """Respondents who only hold the opposite stance."""
    fragment: bool = False
    """Every supporting statement is a fragment (a question, a scrap, no content word)."""
    score: float = 0.0
    """Informativeness of the best supporting statement."""

    def prevalence(self, total: int) -> str:
        return f"{len(self.respondents)} of {total} respondents"

    @property
    def single_respondent(self) -> bool:
        """Held by one respondent only: thin evidence, flagged in views and reports."""
        return len(self.respondents) <= 1


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


def stance_split(
    items: Sequence[ThemeItem],
) -> tuple[bool, frozenset[tuple[int, str]], frozenset[tuple[int, str]]]:
    """(theme is negative, supporting respondents, dissenting respondents) of one theme's items."""
    by_stance: dict[bool, set[tuple[int, str]]] = {True: set(), False: set()}
    for item in items:
        by_stance[is_negative(item.statement)].add(item.respondent)
    negative = is_negative(items[0].statement)
    if len(by_stance[not negative]) > len(by_stance[negative]):
        negative = not negative
    support = frozenset(by_stance[negative])
    return negative, support, frozenset(by_stance[not negative] - support)


def meaning_scores(items: Sequence[ThemeItem]) -> np.ndarray:
    """Pairwise 0-100 similarity by meaning; word overlap when the embedding weights are unavailable."""
    try:
        return cosine_matrix([item.statement for item in items]).astype(np.float64) * 100
    except EmbeddingsUnavailable:
        return SimilarityTable(items).scores


def _representative(
    candidates: Sequence[ThemeItem], scores: np.ndarray, rows: dict[int, int]
) -> list[ThemeItem]:
    """Members ordered best first: not a fragment, then informativeness plus centrality (earliest on ties)."""
    indices = [rows[item.insight_id] for item in candidates]
    block = scores[np.ix_(indices, indices)]
    others = max(len(candidates) - 1, 1)

    def key(position: int) -> tuple[bool, float, int]:
        item = candidates[position]
        centrality = (block[position].sum() - block[position, position]) / (100 * others)
        value = informativeness(item.statement, item.confidence) + centrality
        return (is_fragment(item.statement), -value, position)

    return [candidates[p] for p in sorted(range(len(candidates)), key=key)]


def build_theme(
    items: Sequence[ThemeItem],
    scores: np.ndarray | None = None,
    rows: dict[int, int] | None = None,
    names: Sequence[str] = (),
    frame: str | None = None,
    taken: set[str] | None = None,
) -> Theme:
    """The theme of clustered items (``scores``/``rows``: their similarities, when already computed)."""
    negative, support, dissent = stance_split(items)
    candidates = [i for i in items if is_negative(i.statement) == negative]
    if scores is None or rows is None:
        scores, rows = meaning_scores(items), {item.insight_id: n for n, item in enumerate(items)}
    ranked = _representative(candidates, scores, rows)
    label = write_label([(item.statement, item.quote) for item in ranked], names, frame, taken or set())
    if taken is not None:
        taken.add(label.lower())
    return Theme(
        label,
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
            label = f"{theme.label.rstrip('.…')} ({number})."
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


def _clusters(scores: np.ndarray, owners: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy average-linkage clusters of row indices, in row order. A row is compared with the members of
    other respondents (``owners``); with a cluster of its own respondent's statements only, it must be
    ``SAME_RESPONDENT_MARGIN`` more similar, so one person's vocabulary does not make a theme."""
    labels = np.zeros(len(scores), dtype=np.int64)
    clusters: list[list[int]] = []
    for row in range(len(scores)):
        if clusters:
            other = owners[:row] != owners[row]
            totals = np.zeros((2, len(clusters)))
            counts = np.zeros((2, len(clusters)))
            np.add.at(totals, (other.astype(np.int64), labels[:row]), scores[row, :row])
            np.add.at(counts, (other.astype(np.int64), labels[:row]), 1)
            with np.errstate(invalid="ignore", divide="ignore"):
                means = np.where(
                    counts[1] > 0, totals[1] / counts[1], totals[0] / counts[0] - SAME_RESPONDENT_MARGIN
                )
            best = int(means.argmax())  # the first cluster on ties
            if means[best] >= threshold:
                clusters[best].append(row)
                labels[row] = best
                continue
        labels[row] = len(clusters)
        clusters.append([row])
    return clusters


def _join_lone(clusters: list[list[int]], scores: np.ndarray, owners: np.ndarray, threshold: float) -> None:
    """Second pass: a theme held by one respondent joins the theme of other respondents it is most similar to
    on average, when that mean reaches ``threshold`` (in place; order-stable)."""
    labels = np.zeros(len(scores), dtype=np.int64)
    for number, cluster in enumerate(clusters):
        labels[cluster] = number
    sizes = np.array([len(c) for c in clusters], dtype=np.float64)
    # The one respondent holding each theme, -1 when several do.
    sole = np.array([owners[c[0]] if len(set(owners[c].tolist())) == 1 else -1 for c in clusters])
    for number, cluster in enumerate(clusters):
        if sole[number] < 0 or not cluster:
            continue
        totals = np.zeros(len(clusters))
        np.add.at(totals, labels, scores[cluster].mean(axis=0))
        means = np.where((sizes > 0) & (sole != sole[number]), totals / np.maximum(sizes, 1), -np.inf)
        best = int(means.argmax())
        if means[best] >= threshold:
            clusters[best].extend(cluster)
            labels[cluster] = best
            sizes[best] += len(cluster)
            sizes[number] = 0
            sole[best] = -1
            cluster.clear()


def merge_themes(
    items: Sequence[ThemeItem],
    *,
    threshold: float = MEANING_THRESHOLD,
    names: Sequence[str] = (),
    frame: str | None = None,
) -> list[Theme]:
    """Group one field's insights into themes by meaning, ranked (fragments last, then prevalence,
    informativeness); ``names`` are people's names a label must not open with; ``frame`` states a bare
    noun phrase as the field's statement (``label_writer.write_label``)."""
    ordered = sorted(items, key=lambda i: (i.interview_id, i.insight_id))
    scores = meaning_scores(ordered)
    rows = {item.insight_id: n for n, item in enumerate(ordered)}
    respondent_ids = {r: n for n, r in enumerate(dict.fromkeys(i.respondent for i in ordered))}
    owners = np.array([respondent_ids[i.respondent] for i in ordered], dtype=np.int64)
    clusters = _clusters(scores, owners, threshold)
    _join_lone(clusters, scores, owners, threshold - LONE_THEME_SLACK)
    taken: set[str] = set()
    themes = [
        build_theme([ordered[i] for i in sorted(cluster)], scores, rows, names, frame, taken)
        for cluster in clusters
        if cluster
    ]
    return _unique_labels(sorted(themes, key=_rank))
