"""Normalise free-text job titles into a business function and a seniority level."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Seniority(StrEnum):
    C_LEVEL = "C-level"
    VP = "VP"
    HEAD = "Head/Director"
    LEAD = "Lead/Manager"
    IC = "IC"


UNKNOWN_FUNCTION = "Other"

# Checked in order; the first pattern found anywhere in the title wins.
_FUNCTIONS: tuple[tuple[str, str], ...] = (
    (
        "RevOps",
        r"rev(?:enue)?[ -]?ops|revenue operations|sales ops|sales operations|go[- ]to[- ]market ops|"
        r"gtm ops|marketing ops|crm (?:admin|manager|lead)|salesforce admin",
    ),
    (
        "Customer Success",
        r"customer success|\bcs\b|customer experience|\bcx\b|account manage|client success|"
        r"support|onboarding|implementation|customer service|retention",
    ),
    (
        "Finance",
        r"financ|\bcfo\b|controller|accounting|accountant|\bfp&a\b|treasur|payroll|billing|"
        r"bookkeep|procurement",
    ),
    (
        "IT",
        r"\bit\b|information technology|\bcio\b|sysadmin|systems admin|helpdesk|help desk|security|"
        r"\bciso\b|infrastructure|network",
    ),
    ("Data", r"\bdata\b|analytics|\bbi\b|business intelligence|analyst|data scien|insights"),
    (
        "Growth/Marketing",
        r"market|growth|\bcmo\b|demand gen|brand|content|\bseo\b|communications|\bpr\b|"
        r"acquisition|lifecycle",
    ),
    (
        "Sales",
        r"\bcro\b|chief revenue|sales|\bsdr\b|\bbdr\b|account exec|\bae\b|business development|"
        r"partnerships|commercial",
    ),
    ("Engineering", r"engineer|developer|\bcto\b|devops|software|architect|technical|tech lead|\bsre\b"),
    ("Product", r"product|\bcpo\b|\bux\b|design"),
    ("People", r"\bhr\b|human resources|people|talent|recruit|\bchro\b"),
    ("Operations", r"operations|\bops\b|\bcoo\b|logistics|supply chain|fulfil|warehouse|fleet|dispatch"),
    (
        "Executive",
        r"\bceo\b|founder|owner|president|managing director|general manager|chief executive|"
        r"principal|partner",
    ),
)
_FUNCTION_PATTERNS = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _FUNCTIONS)

_SENIORITY: tuple[tuple[Seniority, str], ...] = (
    (
        Seniority.C_LEVEL,
        r"\bc[a-z]{1,2}o\b|chief|founder|co-founder|\bceo\b|president|owner|managing director|"
        r"general manager",
    ),
    (Seniority.VP, r"\b(?:s?vp|evp|avp)\b|vice[- ]president"),
    (Seniority.HEAD, r"\bhead\b|director|\bdir\b"),
    (Seniority.LEAD, r"\blead\b|manager|\bmgr\b|team lead|supervisor|principal"),
)
_SENIORITY_PATTERNS = tuple((level, re.compile(pattern, re.IGNORECASE)) for level, pattern in _SENIORITY)
_SENIORITY_WORDS = {
    "c-level": Seniority.C_LEVEL,
    "c-suite": Seniority.C_LEVEL,
    "executive": Seniority.C_LEVEL,
    "vp": Seniority.VP,
    "vice president": Seniority.VP,
    "director": Seniority.HEAD,
    "head": Seniority.HEAD,
    "head/director": Seniority.HEAD,
    "manager": Seniority.LEAD,
    "lead": Seniority.LEAD,
    "lead/manager": Seniority.LEAD,
    "ic": Seniority.IC,
    "individual contributor": Seniority.IC,
    "senior": Seniority.IC,
    "junior": Seniority.IC,
    "mid": Seniority.IC,
}


@dataclass(frozen=True)
class RoleKey:
    function: str
    seniority: Seniority

    @property
    def group_key(self) -> str:
        return f"{self.function}|{self.seniority.value}"


def normalise_function(title: str, department: str | None = None) -> str:
    for text in (title, department or ""):
        for name, pattern in _FUNCTION_PATTERNS:
            if pattern.search(text):
                return name
    return UNKNOWN_FUNCTION


def normalise_seniority(title: str, stated: str | None = None) -> Seniority:
    """The seniority in ``stated`` when it names one, else the level the title implies (IC by default)."""
    if stated and (level := _SENIORITY_WORDS.get(stated.strip().lower())):
        return level
    for level, pattern in _SENIORITY_PATTERNS:
        if pattern.search(title):
            return level
    return Seniority.IC


def normalise_role(
    title: str | None, *, seniority: str | None = None, department: str | None = None
) -> RoleKey:
    """ "Senior RevOps Manager" -> RevOps, Lead/Manager; "CFO" -> Finance, C-level; "" -> Other, IC."""
    title = (title or "").strip()
    return RoleKey(normalise_function(title, department), normalise_seniority(title, seniority))
