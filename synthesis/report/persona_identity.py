"""Who a persona is, for the report: role facts, part in the buying decision, tenure and background.

Each fact cites the evidence index numbers of the quotes it rests on; a fact the interviews do not state says
so. Company facts are not here: they describe the companies (``PersonaSection.company_facts``).
"""

from __future__ import annotations

from synthesis.personas.profile_fields import EMPTY, CitedField
from synthesis.personas.query import EvidenceQuote, PersonaProfile, ThemeStatement
from synthesis.report.labels import Labels
from synthesis.report.quote_book import QuoteBook
from synthesis.report.quote_text import without_fillers
from synthesis.report.shapes import IdentityFact

REFS_PER_FACT = 3
PEOPLE_PER_FACT = 4
"""Respondents listed in one identity fact."""


def _quotes_by_insight(profile: PersonaProfile) -> dict[int, tuple[EvidenceQuote, ...]]:
    return {s.insight_id: s.quotes for views in profile.fields.values() for v in views for s in v.statements}


def _refs(
    ids: tuple[int, ...], quotes: dict[int, tuple[EvidenceQuote, ...]], book: QuoteBook
) -> tuple[str, ...]:
    refs: list[str] = []
    for insight_id in dict.fromkeys(ids):
        quote = next((q for q in quotes.get(insight_id, ()) if book.verified(q)), None)
        if quote is not None and len(refs) < REFS_PER_FACT:
            refs.append(book.use(quote).ref)
    return tuple(dict.fromkeys(refs))


def _by_person(statements: list[ThemeStatement], labels: Labels) -> str:
    """One line per respondent, led by their job title: who said what is plain to see."""
    lines: dict[int, list[str]] = {}
    for statement in statements:
        text = without_fillers(labels.text(statement.statement)).rstrip(".;, ")
        lines.setdefault(statement.interview_id, []).append(text)
    return "\n".join(
        f"{labels.role(interview_id)}: {'; '.join(list(dict.fromkeys(texts))[:2])}."
        for interview_id, texts in list(lines.items())[:PEOPLE_PER_FACT]
    )


def without_seniority(cited: CitedField) -> CitedField:
    """ "RevOps Manager (seniority: Lead/Manager)" -> "RevOps Manager": seniority has its own row."""
    return CitedField(cited.text.partition(" (seniority:")[0], cited.insight_ids)


def identity_facts(profile: PersonaProfile, book: QuoteBook, labels: Labels) -> tuple[IdentityFact, ...]:
    """The persona's identity facts in reading order, each with its evidence refs or "not stated"."""
    quotes = _quotes_by_insight(profile)

    said = {s.insight_id: s for views in profile.fields.values() for v in views for s in v.statements}

    def fact(label: str, cited: CitedField | None, *, by_person: bool = False) -> IdentityFact:
        if cited is None or cited.text == EMPTY:
            return IdentityFact(label, EMPTY)
        text = without_fillers(labels.text(cited.text))
        if by_person and all(i in said for i in cited.insight_ids):
            text = _by_person([said[i] for i in cited.insight_ids], labels)
        return IdentityFact(label, text, _refs(cited.insight_ids, quotes, book))

    facts = profile.role_facts
    person = profile.person
    parts = profile.decision_parts
    decision = CitedField(
        ", ".join(f"{p.role.value} ({p.respondents} of {profile.respondents})" for p in parts) or EMPTY,
        tuple(i for p in parts for i in p.insight_ids),
    )
    edited = (
        (IdentityFact("Consultant's note", labels.text(profile.demographics)),)
        if "demographics" in profile.edited_fields and profile.demographics.strip()
        else ()
    )
    return (
        fact("Job titles", without_seniority(facts.job_titles) if facts else None),
        IdentityFact("Seniority", profile.seniority or EMPTY),
        fact("Reporting line", by_person=True, cited=facts.reporting_line if facts else None),
        fact("Team size", by_person=True, cited=facts.team_size if facts else None),
        fact("Responsibilities", by_person=True, cited=facts.responsibilities if facts else None),
        fact("Part in the buying decision", decision),
        fact("Tenure", by_person=True, cited=person.tenure if person else None),
        fact("Background", by_person=True, cited=person.background if person else None),
        *edited,
    )
