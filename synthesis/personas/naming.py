"""Specific, role-based persona names: "RevOps leader at a mid-market B2B software company".

Names describe the job and the company, never an invented first name ("Ops Olivia" and the like). The job
covers the group's seniority range ("VP of sales or CRO", "RevOps leader"); the company is a size band and a
descriptor (see ``company_descriptor``) written in lower case mid-sentence, acronyms and brands kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from synthesis.personas.roles import UNKNOWN_FUNCTION, Seniority

_C_TITLES = {
    "Finance": "CFO",
    "Growth/Marketing": "CMO",
    "Engineering": "CTO",
    "IT": "CIO",
    "Operations": "COO",
    "Sales": "CRO",
    "RevOps": "CRO",
    "Product": "CPO",
    "People": "CHRO",
    "Data": "Chief data officer",
    "Customer Success": "Chief customer officer",
    "Executive": "Founder or CEO",
}
_IC_TITLES = {
    "Data": "Data analyst",
    "Engineering": "Software engineer",
    "Sales": "Account executive",
    "Finance": "Finance specialist",
    "Product": "Product specialist",
    "Customer Success": "Customer success manager",
    "Executive": "Founder or CEO",
    "Growth/Marketing": "Marketing specialist",
}
_LOWER_FUNCTIONS = {
    "Customer Success": "customer success",
    "Growth/Marketing": "marketing",
    "Finance": "finance",
    "Operations": "operations",
    "Engineering": "engineering",
    "Product": "product",
    "People": "people",
    "Sales": "sales",
    "Data": "data",
}


_COMPANY_NOUNS = (
    "company",
    "business",
    "firm",
    "provider",
    "agency",
    "startup",
    "consultancy",
    "bank",
    "insurer",
    "retailer",
    "manufacturer",
    "distributor",
    "marketplace",
    "platform",
    "brand",
    "operator",
    "group",
    "organisation",
    "organization",
    "nonprofit",
    "school",
    "university",
    "hospital",
    "practice",
)


def size_band(employees: int | None) -> str | None:
    """small (< 100 employees), mid-market (100-999) or enterprise (1,000+)."""
    if employees is None or employees <= 0:
        return None
    if employees < 100:
        return "small"
    return "mid-market" if employees < 1000 else "enterprise"


def role_title(function: str, seniority: Seniority) -> str:
    """A readable job description for a function and seniority: "VP of sales", "RevOps lead"."""
    if function == UNKNOWN_FUNCTION:
        return {
            Seniority.C_LEVEL: "Executive",
            Seniority.VP: "Vice president",
            Seniority.HEAD: "Department head",
            Seniority.LEAD: "Team lead",
            Seniority.IC: "Practitioner",
        }[seniority]
    if seniority == Seniority.C_LEVEL:
        return _C_TITLES.get(function, f"{function} executive")
    lower = _LOWER_FUNCTIONS.get(function, function)
    if seniority == Seniority.VP:
        return f"VP of {lower}"
    if seniority == Seniority.HEAD:
        return f"Head of {lower}"
    if seniority == Seniority.LEAD:
        return f"{'Marketing' if function == 'Growth/Marketing' else function} lead"
    return _IC_TITLES.get(function, f"{function} specialist")


_LEADERSHIP = (Seniority.C_LEVEL, Seniority.VP, Seniority.HEAD)


def group_title(function: str, levels: Sequence[Seniority]) -> str:
    """The job of a group spanning ``levels``: one level's title, "VP of sales or CRO" for two leadership
    levels, "RevOps leader" down to managers, "RevOps professional" when it includes individual
    contributors."""
    ordered = [level for level in Seniority if level in set(levels)] or [Seniority.IC]
    if len(ordered) == 1:
        return role_title(function, ordered[0])
    if len(ordered) == 2 and all(level in _LEADERSHIP for level in ordered):
        return f"{role_title(function, ordered[1])} or {role_title(function, ordered[0])}"
    noun = "professional" if Seniority.IC in ordered else "leader"
    if function == UNKNOWN_FUNCTION:
        return f"Business {noun}"
    lower = _LOWER_FUNCTIONS.get(function, function)
    return f"{lower[:1].upper()}{lower[1:]} {noun}"


_SIZE_WORDS = re.compile(r"\b(?:mid-?market|mid-?size[d]?|enterprise|small|smb|sme|startup|large)\b", re.I)
_LINKING_WORDS = frozenset(
    ["in", "for", "with", "of", "at", "on", "to", "and", "or", "from", "by", "the", "a"]
)
_MAX_DESCRIPTOR_WORDS = 5
_TAIL = re.compile(r"\s+(?:for|in|to|with|serving)\s.*$", re.IGNORECASE)


def sentence_case(phrase: str) -> str:
    """Lower-case for use mid-sentence: the first word when it is capitalised like a sentence start, every
    word of a Title Case phrase; acronyms and mixed-case words (HR, B2B, SaaS, HubSpot) are kept."""
    words = phrase.split()

    def titled(word: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        return len(letters) > 1 and letters[0].isupper() and all(c.islower() for c in letters[1:])

    every = len(words) > 1 and all(titled(w) for w in words if any(c.isalpha() for c in w))
    return " ".join(w.lower() if titled(w) and (every or i == 0) else w for i, w in enumerate(words))


def _majority(values: Sequence[str]) -> str | None:
    """The value (compared case-insensitively) held by more than half of ``values``; its first spelling."""
    if not values:
        return None
    value, count = Counter(v.lower() for v in values).most_common(1)[0]
    return next(v for v in values if v.lower() == value) if 2 * count > len(values) else None


def _shared_suffix(industries: Sequence[str]) -> str | None:
    """The longest ending ("software") that more than half of the industries share, "for …" tails aside."""
    heads = [_TAIL.sub("", i).split() for i in industries]
    longest = max((len(h) for h in heads), default=0)
    best = None
    for size in range(1, longest + 1):
        found = _majority(
            [" ".join(h[-size:]) for h in heads if len(h) >= size] + [""] * sum(len(h) < size for h in heads)
        )
        if not found:
            break
        best = found
    return best


def _icp_wording(name: str, industries: Sequence[str]) -> bool:
    """An ICP name reads as a company description when it is short, a plain noun phrase, and shares a
    word with most of the respondents' industries."""
    words = name.lower().split()
    if not 0 < len(words) <= _MAX_DESCRIPTOR_WORDS or _LINKING_WORDS & set(words) or not industries:
        return False
    shared = sum(bool(set(words) & set(i.lower().split())) for i in industries)
    return 2 * shared > len(industries)


def company_descriptor(industries: Sequence[str], icp_name: str | None = None) -> str | None:
    """What the respondents' companies are: the industry most of them share; else the ICP's name when it
    reads as an industry description ("Mid-market B2B software"); else the ending most industries share
    ("software"); else None. Returned in sentence case."""
    known = [i.strip() for i in industries if i and i.strip()]
    if common := _majority(known):
        return sentence_case(common)
    if icp_name and _icp_wording(icp_name, known):
        return sentence_case(icp_name.strip())
    shared = _shared_suffix(known)
    return sentence_case(shared) if shared else None


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def persona_name(title: str, employees: int | None, descriptor: str | None) -> str:
    """Role first, then the company: size band (unless the descriptor names one) and descriptor."""
    descriptor = (descriptor or "").strip()
    band = None if _SIZE_WORDS.search(descriptor) else size_band(employees)
    words = [w for w in (band, descriptor) if w]
    if not words:
        return title
    company = " ".join(words)
    if not company.lower().endswith(_COMPANY_NOUNS):
        company += " company"
    return f"{title} at {_article(company)} {company}"
