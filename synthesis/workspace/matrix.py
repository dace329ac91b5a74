"""The persona matrix: the same fields for every persona (rows) against the personas (columns).

Each cell is the persona's strongest theme of that field with its prevalence ("2 of 3 respondents"). A theme
two or more personas share (their statements mean the same, by sentence embeddings) is one row, its label
written once, with each persona's own prevalence. Also as TSV, for pasting into a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlmodel import Session, col, select

from models.tables import InsightKind, Persona
from synthesis.personas.embeddings import EmbeddingsUnavailable, sentence_vectors
from synthesis.personas.field_rules import BuyingAspect
from synthesis.personas.query import PersonaProfile, ThemeView, persona_profile
from synthesis.personas.themes import similarity

DECISION_ROLE = "Role in the decision"
FIELDS: tuple[tuple[str, Callable[[PersonaProfile], tuple[ThemeView, ...]] | None], ...] = (
    (DECISION_ROLE, None),
    ("Budget authority", lambda p: p.buying.get(BuyingAspect.DECISION, ())),
    ("Top goal", lambda p: p.fields.get(InsightKind.GOAL, ())),
    ("Top pain", lambda p: p.fields.get(InsightKind.PAIN, ())),
    ("Top aspiration", lambda p: p.fields.get(InsightKind.ASPIRATION, ())),
    ("Trigger", lambda p: p.buying.get(BuyingAspect.TRIGGER, ())),
    ("Main objection", lambda p: p.buying.get(BuyingAspect.OBJECTION, ())),
    ("Evaluation steps", lambda p: p.buying.get(BuyingAspect.EVALUATION, ())),
)
ATTRIBUTES = tuple(name for name, _ in FIELDS)
NOT_STATED = "Not stated"
SHARED_SIMILARITY = 0.55
"""Cosine of two themes' mean statement vectors above which personas share the theme (word overlap ≥ 70
when the embedding weights are unavailable)."""
CANDIDATES = 3
"""How many of a persona's strongest themes of a field are searched for one it shares with another."""


@dataclass(frozen=True)
class MatrixCell:
    text: str
    """The persona's theme label; empty in a shared row (the row holds the label) or when not stated."""
    prevalence: str = ""
    single_respondent: bool = False
    insight_ids: tuple[int, ...] = ()

    def display(self) -> str:
        if not self.text and not self.prevalence:
            return NOT_STATED
        flag = " (one respondent)" if self.single_respondent and self.prevalence else ""
        return "\n".join(p for p in (self.text, self.prevalence + flag) if p)


@dataclass(frozen=True)
class MatrixRow:
    field: str
    theme: str
    """The shared theme's label; "" in a row of each persona's own strongest theme."""
    cells: tuple[MatrixCell, ...]

    @property
    def heading(self) -> str:
        return f"{self.field} (shared): {self.theme}" if self.theme else self.field


@dataclass(frozen=True)
class MatrixTable:
    personas: tuple[str, ...]
    rows: tuple[MatrixRow, ...]

    def to_tsv(self) -> str:
        def clean(text: str) -> str:
            return text.replace("\t", " ").replace("\n", "; ")

        lines = ["\t".join(["", *map(clean, self.personas)])]
        lines += ["\t".join([clean(r.heading), *(clean(c.display()) for c in r.cells)]) for r in self.rows]
        return "\n".join(lines) + "\n"


def _ranked(views: tuple[ThemeView, ...]) -> list[ThemeView]:
    return sorted(views, key=lambda v: -v.respondents)


def _cell(view: ThemeView, *, with_label: bool = True) -> MatrixCell:
    return MatrixCell(
        view.theme if with_label else "", view.prevalence, view.single_respondent, view.insight_ids
    )


def _similar(a: ThemeView, b: ThemeView, vectors: dict[str, np.ndarray] | None) -> bool:
    if vectors is None:
        return similarity(a.theme, b.theme) >= 70
    return float(vectors[a.theme] @ vectors[b.theme]) >= SHARED_SIMILARITY


def _theme_vectors(profiles: Sequence[PersonaProfile]) -> dict[str, np.ndarray] | None:
    """Per theme label, the normalised mean vector of its statements; None without the embedding weights."""
    views = [v for p in profiles for _, get in FIELDS if get for v in _ranked(get(p))[:CANDIDATES]]
    texts = sorted({s.statement for v in views for s in v.statements} | {v.theme for v in views})
    try:
        vectors = dict(zip(texts, sentence_vectors(texts), strict=True))
    except EmbeddingsUnavailable:
        return None
    means = {}
    for view in views:
        mean = np.mean([vectors[t] for t in (view.theme, *(s.statement for s in view.statements))], axis=0)
        means[view.theme] = mean / (np.linalg.norm(mean) or 1.0)
    return means


def _field_rows(
    name: str, columns: list[list[ThemeView]], vectors: dict[str, np.ndarray] | None
) -> list[MatrixRow]:
    """A shared theme first (found among each persona's strongest themes), then each one's own strongest
    ("Top goal (own)" after a shared row)."""
    rows = []
    shared: set[int] = set()
    for column, views in enumerate(columns):
        for view in views[:CANDIDATES]:
            matches = {column: view}
            for other, other_views in enumerate(columns):
                found = next((v for v in other_views[:CANDIDATES] if _similar(view, v, vectors)), None)
                if other != column and found is not None:
                    matches[other] = found
            if len(matches) > 1:
                cells = tuple(
                    _cell(matches[c], with_label=False) if c in matches else MatrixCell("")
                    for c in range(len(columns))
                )
                rows.append(MatrixRow(name, view.theme, cells))
                shared = {id(v) for v in matches.values()}
                break
        if rows:
            break
    own = [next((v for v in views if id(v) not in shared), None) for views in columns]
    if any(own) or not rows:
        heading = f"{name} (own)" if rows else name
        rows.append(MatrixRow(heading, "", tuple(_cell(v) if v else MatrixCell("") for v in own)))
    return rows


def _decision_cell(profile: PersonaProfile) -> MatrixCell:
    parts = profile.decision_parts
    if not parts:
        return MatrixCell("")
    text = ", ".join(f"{p.role.value} ({p.respondents} of {profile.respondents})" for p in parts)
    ids = tuple(i for p in parts for i in p.insight_ids)
    return MatrixCell(text, "", False, ids)


def compare_personas(profiles: Sequence[PersonaProfile], names: Sequence[str] | None = None) -> MatrixTable:
    """The matrix of ``profiles`` (column titles ``names``, else the personas' names)."""
    vectors = _theme_vectors(profiles)
    rows: list[MatrixRow] = []
    for name, get in FIELDS:
        if get is None:
            rows.append(MatrixRow(name, "", tuple(_decision_cell(p) for p in profiles)))
            continue
        rows.extend(_field_rows(name, [_ranked(get(p)) for p in profiles], vectors))
    return MatrixTable(tuple(names or [p.name for p in profiles]), tuple(rows))


def matrix_table(session: Session) -> MatrixTable:
    """The matrix of every persona in the workspace."""
    ids = session.exec(select(Persona.id).order_by(col(Persona.id))).all()
    return compare_personas([persona_profile(session, persona_id or 0) for persona_id in ids])
