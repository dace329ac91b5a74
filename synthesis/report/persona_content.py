"""Persona sections and the persona matrix of a report, from reviewed insights and verified quotes only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session, col, select

from models.tables import InsightKind, InsightStatus, Turn
from synthesis.personas.query import EvidenceQuote, PersonaProfile, ThemeStatement, ThemeView
from synthesis.personas.themes import DEFAULT_THRESHOLD, is_negative, similarity
from synthesis.report.labels import Labels
from synthesis.report.shapes import MatrixSection, PersonaField, PersonaSection, Quote, ThemeEntry
from synthesis.transcript import SpeakerRole

FIELD_TITLES: tuple[tuple[str, tuple[InsightKind, ...]], ...] = (
    ("Goals and responsibilities", (InsightKind.GOAL, InsightKind.ROLE)),
    ("Pains", (InsightKind.PAIN,)),
    ("Aspirations", (InsightKind.ASPIRATION,)),
    ("Buying behaviour", (InsightKind.BUYING,)),
)
SINGLE_SOURCE_WARNING = (
    "This persona rests on one respondent: its role, company profile and quotes may identify them."
)
QUOTES_PER_THEME = 3
MATRIX_ROWS_PER_FIELD = 4


def allowed_statuses(include_suggested: bool) -> frozenset[str]:
    statuses = {InsightStatus.ACCEPTED.value, InsightStatus.EDITED.value}
    if include_suggested:
        statuses.add(InsightStatus.SUGGESTED.value)
    return frozenset(statuses)


class QuoteBook:
    """Verifies quotes against their respondent turn's text at their offsets; numbers the used ones once."""

    def __init__(self, session: Session, profiles: Sequence[PersonaProfile], labels: Labels) -> None:
        turn_ids = {
            q.turn_id
            for p in profiles
            for views in p.fields.values()
            for v in views
            for s in (*v.statements, *v.dissent)
            for q in s.quotes
        }
        rows = session.exec(
            select(Turn.id, Turn.text).where(col(Turn.id).in_(turn_ids), Turn.role == SpeakerRole.RESPONDENT)
        ).all()
        self._turns = {turn_id: text for turn_id, text in rows}
        self._labels = labels
        self._numbered: dict[tuple[int, str], Quote] = {}
        self._failed: set[tuple[int, str]] = set()

    def verified(self, quote: EvidenceQuote) -> bool:
        key = (quote.turn_id, quote.quote)
        text = self._turns.get(quote.turn_id, "")
        if quote.quote.strip() and text[quote.start : quote.end] == quote.quote:
            return True
        self._failed.add(key)
        return False

    def use(self, quote: EvidenceQuote) -> Quote:
        key = (quote.turn_id, quote.quote)
        if key not in self._numbered:
            self._numbered[key] = Quote(
                len(self._numbered) + 1,
                self._labels.text(quote.quote, quoted=True),
                self._labels.attribution(quote.interview_id, quote.speaker_role),
                self._labels.interview(quote.interview_id),
                quote.timestamp,
                self._labels.respondent_label(quote.interview_id),
            )
        return self._numbered[key]

    @property
    def used(self) -> list[Quote]:
        return list(self._numbered.values())

    @property
    def dropped(self) -> int:
        return len(self._failed)


def _pick_quotes(statements: Sequence[ThemeStatement], book: QuoteBook) -> list[EvidenceQuote]:
    """Up to three verified quotes, different interviews first."""
    seen: set[int] = set()
    first: list[EvidenceQuote] = []
    rest: list[EvidenceQuote] = []
    for quote in (q for s in statements for q in s.quotes if book.verified(q)):
        (rest if quote.interview_id in seen else first).append(quote)
        seen.add(quote.interview_id)
    return [*first, *rest][:QUOTES_PER_THEME]


def _theme(
    view: ThemeView, allowed: frozenset[str], book: QuoteBook, labels: Labels
) -> tuple[ThemeEntry, list[EvidenceQuote]] | None:
    """The theme as reviewed (unnumbered quotes), with its chosen quotes; None without a verified quote."""
    kept = [s for s in view.statements if s.status in allowed]
    quotes = _pick_quotes(kept, book)
    if not quotes:
        return None
    respondents = len({s.interview_id for s in kept})
    dissent = len({s.interview_id for s in view.dissent if s.status in allowed})
    entry = ThemeEntry(
        labels.text(view.theme),
        f"{respondents} of {view.total}",
        (),
        f"{dissent} of {view.total} said the opposite" if dissent else "",
        all(s.status == InsightStatus.SUGGESTED for s in kept),
    )
    return entry, quotes


def _respondents(entry: ThemeEntry) -> int:
    return int(entry.prevalence.split(" of ")[0])


def persona_section(
    profile: PersonaProfile, allowed: frozenset[str], book: QuoteBook, labels: Labels, themes_per_field: int
) -> PersonaSection:
    """One persona's section; only the quotes of the themes shown are numbered into the evidence index."""
    fields = []
    for title, kinds in FIELD_TITLES:
        found = [
            theme
            for kind in kinds
            for view in profile.fields.get(kind, ())
            if (theme := _theme(view, allowed, book, labels)) is not None
        ]
        found.sort(key=lambda theme: -_respondents(theme[0]))
        shown = tuple(
            replace(entry, quotes=tuple(book.use(q) for q in quotes))
            for entry, quotes in found[:themes_per_field]
        )
        if shown:
            fields.append(PersonaField(title, shown, max(0, len(found) - themes_per_field)))
    return PersonaSection(
        profile.id,
        labels.text(profile.name),
        labels.text(profile.role),
        tuple(labels.text(name) for _, name in profile.icps),
        labels.text(profile.summary),
        labels.text(profile.demographics),
        profile.respondents,
        tuple(fields),
        SINGLE_SOURCE_WARNING if labels.anonymiser and profile.respondents == 1 else "",
    )


def persona_matrix(personas: Sequence[PersonaSection]) -> MatrixSection | None:
    """Themes shown in the persona sections (similar ones merged) against personas, strongest first."""
    if not personas:
        return None
    rows: list[tuple[str, str, dict[int, ThemeEntry]]] = []
    for column, persona in enumerate(personas):
        for persona_field in persona.fields:
            for entry in persona_field.themes:
                row = next(
                    (
                        r
                        for r in rows
                        if r[0] == persona_field.title
                        and column not in r[2]
                        and is_negative(r[1]) == is_negative(entry.label)
                        and similarity(r[1], entry.label) >= DEFAULT_THRESHOLD
                    ),
                    None,
                )
                if row is None:
                    row = (persona_field.title, entry.label, {})
                    rows.append(row)
                row[2][column] = entry
    chosen = []
    for title, _kinds in FIELD_TITLES:
        of_field = [r for r in rows if r[0] == title]
        of_field.sort(key=lambda r: (-len(r[2]), -sum(_respondents(e) for e in r[2].values())))
        chosen.extend(of_field[:MATRIX_ROWS_PER_FIELD])
    return MatrixSection(
        tuple(p.name for p in personas),
        tuple(
            (title, theme, tuple(cells[c].prevalence if c in cells else "" for c in range(len(personas))))
            for title, theme, cells in chosen
        ),
    )
