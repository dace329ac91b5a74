"""Specific, role-based persona names: "RevOps lead at a mid-market vertical SaaS company".

Names describe the job and the company, never an invented first name ("Ops Olivia" and the like).
"""

from __future__ import annotations

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


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def persona_name(function: str, seniority: Seniority, employees: int | None, industry: str | None) -> str:
    """Role first, then the company: size band and industry where known."""
    title = role_title(function, seniority)
    words = [w for w in (size_band(employees), (industry or "").strip()) if w]
    if not words:
        return title
    company = " ".join(words)
    if not company.lower().endswith(_COMPANY_NOUNS):
        company += " company"
    return f"{title} at {_article(company)} {company}"
