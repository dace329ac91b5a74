"""Group respondents into persona groups: by normalised function, split by seniority only when large.

A function's respondents form one group (key: the function, e.g. "RevOps"), whatever their seniority; the
persona describes the seniority range. The group is split into leadership (Head/Director and above) and team
(Lead/Manager and individual contributors) only when both halves have at least ``MIN_SPLIT_RESPONDENTS``
respondents (keys "Sales|leadership" and "Sales|team").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from synthesis.personas.roles import Seniority
from synthesis.personas.selection import Respondent

MIN_SPLIT_RESPONDENTS = 3
LEADERSHIP = frozenset({Seniority.C_LEVEL, Seniority.VP, Seniority.HEAD})
_SENIORITY_ORDER = list(Seniority)
"""Most senior first."""


@dataclass(frozen=True)
class RespondentGroup:
    key: str
    function: str
    respondents: tuple[Respondent, ...]

    @property
    def levels(self) -> tuple[Seniority, ...]:
        """The seniority levels present, most senior first."""
        present = {r.role.seniority for r in self.respondents}
        return tuple(level for level in _SENIORITY_ORDER if level in present)


def group_respondents(respondents: Sequence[Respondent]) -> list[RespondentGroup]:
    """Persona groups in key order; respondents keep their order within a group."""
    by_function: dict[str, list[Respondent]] = defaultdict(list)
    for respondent in respondents:
        by_function[respondent.role.function].append(respondent)
    groups = []
    for function, members in by_function.items():
        leaders = tuple(r for r in members if r.role.seniority in LEADERSHIP)
        team = tuple(r for r in members if r.role.seniority not in LEADERSHIP)
        if min(len(leaders), len(team)) >= MIN_SPLIT_RESPONDENTS:
            groups.append(RespondentGroup(f"{function}|leadership", function, leaders))
            groups.append(RespondentGroup(f"{function}|team", function, team))
        else:
            groups.append(RespondentGroup(function, function, tuple(members)))
    return sorted(groups, key=lambda g: g.key)
