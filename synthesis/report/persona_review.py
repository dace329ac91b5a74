"""A persona profile as a report may show it: only the statements whose review status the report allows.

Prevalence is recounted over the kept statements, themes left with none are dropped, and the seed's fields
(role facts, the person's demographics, buying aspects, decision parts, job titles) are read again from what
is kept, so a final report never rests a sentence on an insight nobody reviewed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from models.tables import InsightKind
from synthesis.personas.field_rules import BuyingAspect
from synthesis.personas.profile_fields import (
    CitedStatement,
    decision_parts,
    job_titles,
    role_facts,
    theme_aspect,
)
from synthesis.personas.query import PersonaProfile, ThemeStatement, ThemeView


def _respondents(statements: tuple[ThemeStatement, ...]) -> int:
    return len({(s.interview_id, s.quotes[0].speaker if s.quotes else "") for s in statements})


def _kept(view: ThemeView, allowed: frozenset[str]) -> ThemeView | None:
    statements = tuple(s for s in view.statements if s.status in allowed)
    if not statements:
        return None
    dissent = tuple(s for s in view.dissent if s.status in allowed)
    return replace(view, statements=statements, dissent=dissent, respondents=_respondents(statements))


def _cited(views: tuple[ThemeView, ...]) -> list[CitedStatement]:
    return [
        CitedStatement(s.insight_id, s.interview_id, s.statement, s.verified)
        for v in views
        for s in v.statements
    ]


def reviewed_profile(
    profile: PersonaProfile, allowed: frozenset[str], metadata_titles: Mapping[int, str]
) -> PersonaProfile:
    """``profile`` with only statements of ``allowed`` statuses; seed fields recomputed from them."""
    fields: dict[InsightKind, tuple[ThemeView, ...]] = {}
    for kind, views in profile.fields.items():
        fields[kind] = tuple(v for view in views if (v := _kept(view, allowed)) is not None)
    role = _cited(fields.get(InsightKind.ROLE, ()))
    ids = {interview_id for interview_id, _ in profile.interviews}
    titles = job_titles(role, {i: t for i, t in metadata_titles.items() if i in ids})
    facts, person = role_facts(role, titles, profile.seniority)
    buying: dict[BuyingAspect, list[ThemeView]] = {}
    for view in fields.get(InsightKind.BUYING, ()):
        buying.setdefault(theme_aspect([s.statement for s in view.statements]), []).append(view)
    return replace(
        profile,
        fields=fields,
        role_facts=facts,
        person=person,
        buying={aspect: tuple(views) for aspect, views in buying.items()},
        decision_parts=decision_parts(role + _cited(fields.get(InsightKind.BUYING, ()))),
        job_titles=titles,
    )
