"""The text fields of a drafted persona: name, role, seniority, summary and demographics.

Demographics describe the people (job titles, seniority, tenure, background); what their companies are
(size, industries, locations) is ``company_facts``, shown apart.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from models.tables import Company, InsightKind
from synthesis.personas.grouping import RespondentGroup
from synthesis.personas.naming import company_descriptor, group_title, persona_name
from synthesis.personas.profile_fields import CitedStatement, role_facts
from synthesis.personas.selection import Respondent
from synthesis.personas.themes import Theme

_SUMMARY_KINDS = {
    InsightKind.GOAL: "goal",
    InsightKind.PAIN: "pain",
    InsightKind.ASPIRATION: "aspiration",
    InsightKind.BUYING: "buying behaviour",
}


def _main_icp(respondents: Sequence[Respondent], icp_names: Mapping[int, str]) -> str | None:
    """The ICP most respondents' companies fit (lowest id on ties), when more than half fit it."""
    counts = Counter(i for r in respondents for i in r.icp_ids if i in icp_names)
    if not counts:
        return None
    icp_id, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return icp_names[icp_id] if 2 * count > len(respondents) else None


def _median_employees(respondents: Sequence[Respondent]) -> int | None:
    counts = [r.company.employee_count for r in respondents if r.company and r.company.employee_count]
    return round(statistics.median(counts)) if counts else None


def _listing(values: Sequence[str]) -> str:
    counts = Counter(v for v in values if v)
    return ", ".join(f"{value} ({n})" if n > 1 else value for value, n in counts.most_common())


def seniority_range(group: RespondentGroup) -> str:
    """ "VP" or "Lead/Manager to Head/Director" (junior to senior)."""
    levels = group.levels
    return levels[0].value if len(levels) == 1 else f"{levels[-1].value} to {levels[0].value}"


def _summary(group: RespondentGroup, themes: Mapping[InsightKind, Sequence[Theme]], total: int) -> str:
    companies = {r.company.id for r in group.respondents if r.company}
    parts = [
        f"Drawn from {total} respondent{'s' * (total != 1)} "
        f"at {len(companies)} compan{'ies' if len(companies) != 1 else 'y'}"
        + (f" (seniority: {seniority_range(group)})." if len(group.levels) > 1 else ".")
    ]
    for kind, label in _SUMMARY_KINDS.items():
        if themes.get(kind):
            top = themes[kind][0]
            lead = "Most shared" if len(top.respondents) > 1 else "Leading"
            parts.append(f"{lead} {label}: {top.label.rstrip('.')} ({top.prevalence(total)}).")
    return " ".join(parts)


def company_facts(companies: Sequence[Company | None]) -> str:
    """What the respondents' companies are (size span, industries, locations): company facts, never the
    person's demographics."""
    known = [c for c in companies if c is not None]
    sizes = sorted(c.employee_count for c in known if c.employee_count)
    facts = []
    if sizes:
        span = f"{sizes[0]:,}" if sizes[0] == sizes[-1] else f"{sizes[0]:,}-{sizes[-1]:,}"
        facts.append(f"Company size: {span} employees.")
    for label, values in (
        ("Industries", [c.industry or "" for c in known]),
        ("Locations", [c.country or c.region or "" for c in known]),
    ):
        if listing := _listing(values):
            facts.append(f"{label}: {listing}.")
    return " ".join(facts)


def person_demographics(group: RespondentGroup, themes: Mapping[InsightKind, Sequence[Theme]]) -> str:
    """The people: job titles, seniority, tenure and background from their role statements."""
    statements = [
        CitedStatement(item.insight_id, item.interview_id, item.statement, True)
        for theme in themes.get(InsightKind.ROLE, ())
        for item in theme.items
    ]
    _facts, person = role_facts(statements, {}, seniority_range(group))
    parts = []
    if titles := _listing([r.job_title for r in group.respondents]):
        parts.append(f"Job titles: {titles}.")
    parts.append(f"Seniority: {seniority_range(group)}.")
    for label, cited in (("Tenure", person.tenure), ("Background", person.background)):
        parts.append(f"{label}: {cited.text}")
    return " ".join(parts)


def persona_fields(
    group: RespondentGroup,
    themes: Mapping[InsightKind, Sequence[Theme]],
    icp_names: Mapping[int, str] | None = None,
    total: int | None = None,
) -> dict[str, str]:
    """Field values drafted from a group's respondents and its themes; ``total`` is the number of people
    (interview and speaker) when an interview has more than one respondent."""
    respondents = group.respondents
    title = group_title(group.function, group.levels)
    titles = _listing([r.job_title for r in respondents])
    industries = [r.company.industry or "" for r in respondents if r.company]
    descriptor = company_descriptor(industries, _main_icp(respondents, icp_names or {}))
    return {
        "name": persona_name(title, _median_employees(respondents), descriptor),
        "role": f"{title} ({group.function}, {seniority_range(group)})"
        + (f"; titles: {titles}" if titles else ""),
        "seniority": seniority_range(group),
        "summary": _summary(group, themes, total or len(respondents)),
        "demographics": person_demographics(group, themes),
    }
