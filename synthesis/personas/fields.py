"""The text fields of a drafted persona: name, role, seniority, summary and demographics."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from models.tables import InsightKind
from synthesis.personas.naming import persona_name, role_title
from synthesis.personas.selection import Respondent
from synthesis.personas.themes import Theme

_SUMMARY_KINDS = {
    InsightKind.GOAL: "goal",
    InsightKind.PAIN: "pain",
    InsightKind.ASPIRATION: "aspiration",
    InsightKind.BUYING: "buying behaviour",
}


def _common_industry(respondents: Sequence[Respondent]) -> str | None:
    """The industry most respondents' companies share, when more than half of the known ones do."""
    known = [r.company.industry.strip() for r in respondents if r.company and r.company.industry]
    if not known:
        return None
    counts = Counter(i.lower() for i in known)
    value, count = counts.most_common(1)[0]
    if 2 * count <= len(known):
        return None
    return next(i for i in known if i.lower() == value)


def _median_employees(respondents: Sequence[Respondent]) -> int | None:
    counts = [r.company.employee_count for r in respondents if r.company and r.company.employee_count]
    return round(statistics.median(counts)) if counts else None


def _listing(values: Sequence[str]) -> str:
    counts = Counter(v for v in values if v)
    return ", ".join(f"{value} ({n})" if n > 1 else value for value, n in counts.most_common())


def persona_fields(
    respondents: Sequence[Respondent], themes: Mapping[InsightKind, Sequence[Theme]]
) -> dict[str, str]:
    """Field values drafted from a group's respondents (one role key) and its themes."""
    role = respondents[0].role
    title = role_title(role.function, role.seniority)
    companies = {r.company.id for r in respondents if r.company}
    titles = _listing([r.job_title for r in respondents])
    summary = [
        f"Drawn from {len(respondents)} respondent{'s' * (len(respondents) != 1)} "
        f"at {len(companies)} compan{'ies' if len(companies) != 1 else 'y'}."
    ]
    for kind, label in _SUMMARY_KINDS.items():
        if themes.get(kind):
            top = themes[kind][0]
            summary.append(f"Most shared {label}: {top.label} ({top.prevalence(len(respondents))}).")
    sizes = sorted(r.company.employee_count for r in respondents if r.company and r.company.employee_count)
    demographics = []
    if sizes:
        span = f"{sizes[0]:,}" if sizes[0] == sizes[-1] else f"{sizes[0]:,}-{sizes[-1]:,}"
        demographics.append(f"Company size: {span} employees.")
    for label, values in (
        ("Industries", [r.company.industry or "" for r in respondents if r.company]),
        ("Locations", [r.company.country or r.company.region or "" for r in respondents if r.company]),
        ("Job titles", [r.job_title for r in respondents]),
    ):
        if listing := _listing(values):
            demographics.append(f"{label}: {listing}.")
    return {
        "name": persona_name(
            role.function, role.seniority, _median_employees(respondents), _common_industry(respondents)
        ),
        "role": f"{title} ({role.function}, {role.seniority.value})"
        + (f"; titles: {titles}" if titles else ""),
        "seniority": role.seniority.value,
        "summary": " ".join(summary),
        "demographics": " ".join(demographics),
    }
