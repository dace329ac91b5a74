"""Score a company against an ICP's criteria, criterion by criterion, with a human explanation for each.

Scoring: each criterion is a match, a miss or unknown (the company's value is not recorded, or cannot be
compared). Unknowns are shown but never counted as misses. The score is the weighted share of matches among
the known criteria (0-100; 0 when nothing is known).

Decision rule (``CompanyFit.fits``): a company fits an ICP when no known criterion misses and at least half
of the criteria are known. A company with too little data therefore never fits by default; fill in its
firmographics to decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from models.tables import Company
from synthesis.icp import places
from synthesis.icp.criteria import (
    CriterionError,
    CriterionKind,
    CriterionLike,
    describe,
    describe_range,
    format_count,
    format_usd,
    is_usd,
    kind_of,
    parse_range,
)
from synthesis.icp.vocabulary import funding_stage


class Outcome(StrEnum):
    MATCH = "match"
    MISS = "miss"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CriterionResult:
    attribute: str
    criterion: str
    outcome: Outcome
    explanation: str
    weight: float = 1.0


@dataclass(frozen=True)
class CompanyFit:
    company_id: int | None
    company_name: str
    score: int
    results: tuple[CriterionResult, ...]

    @property
    def known(self) -> int:
        return sum(r.outcome != Outcome.UNKNOWN for r in self.results)

    @property
    def coverage(self) -> str:
        return f"{self.known} of {len(self.results)} criteria known"

    @property
    def fits(self) -> bool:
        no_miss = all(r.outcome != Outcome.MISS for r in self.results)
        return bool(self.results) and no_miss and 2 * self.known >= len(self.results)


def _in_range(
    value: float, shown: str, spec: dict[str, Any], fmt: Callable[[float], str]
) -> tuple[Outcome, str]:
    low, high = spec.get("min"), spec.get("max")
    wanted = describe_range(spec, fmt)
    if low is not None and value < low:
        return Outcome.MISS, f"{shown} is below {wanted}"
    if high is not None and value > high:
        return Outcome.MISS, f"{shown} is above {wanted}"
    verb = "is within" if low is not None and high is not None else "is"
    return Outcome.MATCH, f"{shown} {verb} {wanted}"


def _employees(company: Company, spec: dict[str, Any]) -> tuple[Outcome, str]:
    if company.employee_count is None:
        return Outcome.UNKNOWN, "employee count unknown"
    return _in_range(
        company.employee_count, f"{format_count(company.employee_count)} employees", spec, format_count
    )


def _revenue(company: Company, spec: dict[str, Any]) -> tuple[Outcome, str]:
    """A revenue band is compared by its midpoint (an open band by its one bound)."""
    band = (company.revenue_band or "").strip()
    if not band:
        return Outcome.UNKNOWN, "revenue unknown"
    if not is_usd(band):
        return Outcome.UNKNOWN, f"revenue {band} is not in USD, so it is not compared"
    try:
        bounds = parse_range(band)
    except CriterionError:
        return Outcome.UNKNOWN, f"revenue {band!r} could not be read"
    known = [v for v in (bounds.low, bounds.high) if v is not None]
    value = sum(known) / len(known)
    shown = (
        f"revenue {format_usd(value)}"
        if bounds.low == bounds.high
        else f"revenue {band} (midpoint {format_usd(value)})"
    )
    return _in_range(value, shown, spec, format_usd)


def _industry(company: Company, spec: dict[str, Any]) -> tuple[Outcome, str]:
    industry = (company.industry or "").strip()
    if not industry:
        return Outcome.UNKNOWN, "industry unknown"
    words = set(re.findall(r"[\w-]+", industry.lower()))
    for value in spec["values"]:
        value_words = set(re.findall(r"[\w-]+", value.lower()))
        if value_words and value_words <= words:
            return Outcome.MATCH, f"industry {industry!r} matches {value!r}"
    return Outcome.MISS, f"industry {industry!r} is none of {', '.join(spec['values'])}"


def _funding(company: Company, spec: dict[str, Any]) -> tuple[Outcome, str]:
    raw = (company.funding_stage or "").strip()
    if not raw:
        return Outcome.UNKNOWN, "funding stage unknown"
    stage = funding_stage(raw)
    if stage is None:
        return Outcome.UNKNOWN, f"funding stage {raw!r} is not a known stage"
    wanted = set(spec["stages"])
    venture = stage == "seed" or stage.startswith("series ")
    if stage in wanted or (venture and "venture-backed" in wanted):
        return Outcome.MATCH, f"{raw} is one of {', '.join(spec['stages'])}"
    return Outcome.MISS, f"{raw} is none of {', '.join(spec['stages'])}"


def _same_product(used: str, wanted: str) -> bool:
    """A tool matches itself and its editions: "Salesforce Financial Services Cloud" is Salesforce."""
    return used == wanted or used.startswith(f"{wanted} ")


def _tech_stack(company: Company, spec: dict[str, Any]) -> tuple[Outcome, str]:
    if not company.tech_stack:
        return Outcome.UNKNOWN, "tech stack unknown"
    used = [tool.strip().lower() for tool in company.tech_stack]
    hits = [tool for tool in spec["tools"] if any(_same_product(name, tool.strip().lower()) for name in used)]
    if hits:
        return Outcome.MATCH, f"uses {', '.join(hits)}"
    return Outcome.MISS, f"uses none of {', '.join(spec['tools'])} (uses {', '.join(company.tech_stack)})"


def _geography(company: Company, spec: dict[str, Any]) -> tuple[Outcome, str]:
    stated = [p for p in (company.country, company.region) if p and p.strip()]
    if not stated:
        return Outcome.UNKNOWN, "location unknown"
    where = ", ".join(stated)
    known = set().union(*(places.expand(p) for p in stated))
    plain = {p.strip().lower() for p in stated}
    for wanted in spec["places"]:
        if wanted.lower() in known or wanted.lower() in plain:
            return Outcome.MATCH, f"{where} is in {wanted}"
    if not known:
        return Outcome.UNKNOWN, f"{where} is not in the built-in place list"
    return Outcome.MISS, f"{where} is outside {', '.join(spec['places'])}"


_RULES = {
    CriterionKind.EMPLOYEES: _employees,
    CriterionKind.REVENUE: _revenue,
    CriterionKind.INDUSTRY: _industry,
    CriterionKind.FUNDING: _funding,
    CriterionKind.TECH_STACK: _tech_stack,
    CriterionKind.GEOGRAPHY: _geography,
}


def score_company(company: Company, criteria: Sequence[CriterionLike]) -> CompanyFit:
    """Score one company against an ICP's criteria (``IcpCriterion`` rows or ``Criterion`` values)."""
    results = []
    for criterion in criteria:
        outcome, explanation = _RULES[kind_of(criterion.attribute)](company, criterion.spec)
        results.append(
            CriterionResult(criterion.attribute, describe(criterion), outcome, explanation, criterion.weight)
        )
    known_weight = sum(r.weight for r in results if r.outcome != Outcome.UNKNOWN)
    matched_weight = sum(r.weight for r in results if r.outcome == Outcome.MATCH)
    score = round(100 * matched_weight / known_weight) if known_weight else 0
    return CompanyFit(company.id, company.name, score, tuple(results))
