"""The seed's persona fields read from a persona's themes: role facts, the person's demographics, buying
behaviour by aspect and the person's part in the decision, each citing the insights it rests on.

Every value is a ``CitedField``: text plus the ids of insights whose evidence was verified (the quote equals
the transcript at its offsets); a field with no evidence says so (``EMPTY``) instead of being left blank.
Role facts come from the persona's role theme statements: the job titles from accepted role insights ("Is
the Director of Revenue Operations at …") or import metadata; the reporting line from "reports to …"; team
size from "team of …", "N analysts" and the like; tenure ("has been here three years") and background
("before that …") are the person's demographics, kept apart from company facts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from synthesis.personas.field_rules import BuyingAspect, DecisionRole, buying_aspect, decision_roles
from synthesis.personas.label_writer import tidy

EMPTY = "Not stated in the interviews."


@dataclass(frozen=True)
class CitedField:
    text: str
    insight_ids: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.insight_ids


@dataclass(frozen=True)
class CitedStatement:
    """One persona statement with its insight id and whether its evidence is verified."""

    insight_id: int
    interview_id: int
    statement: str
    verified: bool


_REPORTING = re.compile(r"\breports? (?:directly )?(?:in)?to\b|\bmy boss\b|\bi work for\b", re.IGNORECASE)
_TEAM = re.compile(
    r"\bteam (?:of|is)\b|\b(?:\w+[- ])?(?:people|analysts?|managers?|reps|aes|sdrs|bdrs|engineers?|admins?|"
    r"account executives|direct reports)\b.*\b(?:under|report|on (?:my|their|the) team)\b|"
    r"\b(?:has|have|got|manage|manages|lead|leads)\b.*\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|twenty\S*)\s+(?:\w+\s)?(?:people|analysts?|managers?|reps|aes|sdrs|engineers?|admins?)",
    re.IGNORECASE,
)
_TENURE = re.compile(
    r"\b(?:been (?:here|there|at \w+|in (?:the|this) role)|joined|started)\b.*\b(?:years?|months?|ago)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(?:before (?:that|this|joining)|previously|used to (?:be|work)|came from|started (?:my|their) career|"
    r"spent \w+ years|background (?:is|in))\b",
    re.IGNORECASE,
)
_TITLE = re.compile(r"^(?:is|works as|serves as)\s+(?:the |a |an )?(?P<title>.+?)(?:\s+at\s+.+)?\.?$", re.I)


def states_job_title(statement: str) -> bool:
    """ "Is the Director of Revenue Operations at Quillfield." and the like."""
    return bool(_TITLE.match(statement.strip()))


def _cited(found: Sequence[CitedStatement], *, limit: int = 3) -> CitedField:
    verified = [s for s in found if s.verified]
    if not verified:
        return CitedField(EMPTY)
    texts = list(dict.fromkeys(tidy(s.statement).rstrip(".") for s in verified))[:limit]
    return CitedField("; ".join(texts) + ".", tuple(s.insight_id for s in verified))


def _matching(statements: Iterable[CitedStatement], pattern: re.Pattern[str]) -> list[CitedStatement]:
    return [s for s in statements if pattern.search(s.statement)]


def job_titles(statements: Sequence[CitedStatement], metadata: dict[int, str]) -> dict[int, str]:
    """Per interview: the job title from import metadata, else from the first verified role statement
    that states it ("Is the RevOps Manager at Mosswell" -> "RevOps Manager")."""
    titles = {interview_id: title for interview_id, title in metadata.items() if title.strip()}
    for statement in statements:
        match = _TITLE.match(statement.statement.strip())
        if statement.verified and match and statement.interview_id not in titles:
            titles[statement.interview_id] = match["title"].strip()
    return titles


@dataclass(frozen=True)
class RoleFacts:
    job_titles: CitedField
    reporting_line: CitedField
    team_size: CitedField
    responsibilities: CitedField


@dataclass(frozen=True)
class PersonDemographics:
    """The person, not the company: tenure and background."""

    tenure: CitedField
    background: CitedField


def role_facts(
    statements: Sequence[CitedStatement], titles: dict[int, str], seniority: str
) -> tuple[RoleFacts, PersonDemographics]:
    """Role facts and person demographics from a persona's role statements."""
    counted = Counter(titles.values())
    title_text = ", ".join(f"{t} ({n})" if n > 1 else t for t, n in counted.most_common())
    title_ids = tuple(s.insight_id for s in statements if s.verified and _TITLE.match(s.statement.strip()))
    reporting = _matching(statements, _REPORTING)
    team = _matching(statements, _TEAM)
    tenure = _matching(statements, _TENURE)
    background = _matching(statements, _BACKGROUND)
    used = {s.insight_id for group in (reporting, team, tenure, background) for s in group} | set(title_ids)
    duties = [s for s in statements if s.insight_id not in used]
    facts = RoleFacts(
        CitedField(f"{title_text} (seniority: {seniority})" if title_text else EMPTY, title_ids),
        _cited(reporting),
        _cited(team),
        _cited(duties, limit=4),
    )
    return facts, PersonDemographics(_cited(tenure), _cited(background))


@dataclass(frozen=True)
class DecisionPart:
    role: DecisionRole
    respondents: int
    insight_ids: tuple[int, ...]


def decision_parts(statements: Sequence[CitedStatement]) -> tuple[DecisionPart, ...]:
    """The persona's parts in buying decisions, most respondents first, each citing its statements."""
    found: dict[DecisionRole, list[CitedStatement]] = {}
    for statement in statements:
        if statement.verified:
            for role in decision_roles(statement.statement):
                found.setdefault(role, []).append(statement)
    parts = [
        DecisionPart(role, len({s.interview_id for s in cited}), tuple(s.insight_id for s in cited))
        for role, cited in found.items()
    ]
    order = list(DecisionRole)
    return tuple(sorted(parts, key=lambda p: (-p.respondents, order.index(p.role))))


def theme_aspect(statements: Sequence[str], label: str = "") -> BuyingAspect:
    """A buying theme's aspect: its label's, when the label shows one; else the one most of its statements
    show (earliest aspect on ties)."""
    if label and (aspect := buying_aspect(label)) != BuyingAspect.OTHER:
        return aspect
    counts = Counter(buying_aspect(s) for s in statements)
    order = list(BuyingAspect)
    return min(counts, key=lambda a: (-counts[a], order.index(a))) if counts else BuyingAspect.OTHER
