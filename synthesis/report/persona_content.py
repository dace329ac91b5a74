"""Persona sections and the persona matrix of a report, from reviewed insights and verified quotes only."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from models.tables import InsightKind, InsightStatus
from synthesis.personas.field_rules import BUYING_TITLES, BuyingAspect
from synthesis.personas.query import (
    MIN_PERSONA_RESPONDENTS,
    EvidenceQuote,
    PersonaProfile,
    ThemeStatement,
    ThemeView,
)
from synthesis.report.labels import Labels
from synthesis.report.persona_identity import identity_facts
from synthesis.report.quote_book import QuoteBook
from synthesis.report.shapes import PersonaField, PersonaSection, ThemeEntry

FIELD_TITLES: tuple[tuple[str, InsightKind], ...] = (
    ("Goals", InsightKind.GOAL),
    ("Pains", InsightKind.PAIN),
    ("Aspirations", InsightKind.ASPIRATION),
)
BUYING = "Buying behaviour"
NOT_STATED = "Not stated in the interviews."
THIN_PERSONA = (
    "Thin evidence: drawn from {n} respondent{s}, fewer than {minimum}. Read its themes as leads to test, "
    "not as findings."
)
SINGLE_SOURCE_WARNING = (
    "This persona rests on one respondent: its role, company profile and quotes may identify them."
)
QUOTES_PER_THEME = 3


def allowed_statuses(include_suggested: bool) -> frozenset[str]:
    statuses = {InsightStatus.ACCEPTED.value, InsightStatus.EDITED.value}
    if include_suggested:
        statuses.add(InsightStatus.SUGGESTED.value)
    return frozenset(statuses)


def _pick_quotes(statements: Sequence[ThemeStatement], book: QuoteBook) -> list[EvidenceQuote]:
    """Up to three verified quotes, different interviews first."""
    seen: set[int] = set()
    first: list[EvidenceQuote] = []
    rest: list[EvidenceQuote] = []
    for quote in (q for s in statements for q in s.quotes if book.verified(q)):
        (rest if quote.interview_id in seen else first).append(quote)
        seen.add(quote.interview_id)
    return [*first, *rest][:QUOTES_PER_THEME]


def _theme(view: ThemeView, book: QuoteBook, labels: Labels) -> tuple[ThemeEntry, list[EvidenceQuote]] | None:
    """The theme (unnumbered quotes) with its chosen quotes; None without a verified quote.

    ``view`` holds only statements the report may use (``persona_review.reviewed_profile``).
    """
    quotes = _pick_quotes(view.statements, book)
    if not quotes:
        return None
    dissent = len({s.interview_id for s in view.dissent})
    entry = ThemeEntry(
        labels.text(view.theme),
        f"{view.respondents} of {view.total}",
        (),
        f"{dissent} of {view.total} said the opposite" if dissent else "",
        all(s.status == InsightStatus.SUGGESTED for s in view.statements),
        view.single_respondent and view.total > 1,  # a one-respondent persona is flagged as a whole
    )
    return entry, quotes


def _field(
    title: str, views: Sequence[ThemeView], book: QuoteBook, labels: Labels, limit: int, group: str = ""
) -> PersonaField:
    """A persona field's most prevalent themes; only the quotes of the themes shown are numbered."""
    found = [theme for view in views if (theme := _theme(view, book, labels)) is not None]
    found.sort(key=lambda theme: -_respondents(theme[0]))
    shown = tuple(
        replace(entry, quotes=tuple(dict.fromkeys(book.use(q) for q in quotes)))
        for entry, quotes in found[:limit]
    )
    return PersonaField(title, shown, max(0, len(found) - limit), group)


def _respondents(entry: ThemeEntry) -> int:
    return int(entry.prevalence.split(" of ")[0])


def _company_facts(text: str, labels: Labels) -> str:
    """The companies' facts; anonymised, head counts become bands and places regions, counted once each."""
    if not labels.anonymiser:
        return text
    shown = labels.head_counts(labels.text(text))

    def counted(match: re.Match[str]) -> str:
        items = Counter(item.strip() for item in match.group(2).split(","))
        listed = ", ".join(f"{item} ({n})" if n > 1 else item for item, n in items.items())
        return f"{match.group(1)}{listed}."

    return re.sub(r"(Locations: )([^.]*)\.", counted, shown)


def _flags(profile: PersonaProfile) -> tuple[str, ...]:
    if not profile.thin_evidence:
        return ()
    n = profile.respondents
    return (THIN_PERSONA.format(n=n, s="s" * (n != 1), minimum=MIN_PERSONA_RESPONDENTS),)


def persona_section(
    profile: PersonaProfile, book: QuoteBook, labels: Labels, themes_per_field: int
) -> PersonaSection:
    """One persona's section from a reviewed profile (``persona_review.reviewed_profile``)."""
    fields = [
        _field(title, profile.fields.get(kind, ()), book, labels, themes_per_field)
        for title, kind in FIELD_TITLES
    ]
    for title, aspect in BUYING_TITLES:
        buying = _field(title, profile.buying.get(aspect, ()), book, labels, themes_per_field, BUYING)
        if buying.themes or aspect != BuyingAspect.OTHER:
            fields.append(buying)
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
        identity_facts(profile, book, labels),
        _company_facts(profile.company_facts, labels),
        _flags(profile),
    )
