"""ICP criterion kinds, their validated ``spec`` dicts, and parsing of user text into them.

Specs as stored in ``IcpCriterion.spec``:
- industry:   {"values": ["software", "saas"]}            (any-of, whole-word match against Company.industry)
- employees:  {"min": 100, "max": 1000}                    (either bound may be null)
- revenue:    {"min": 10000000.0, "max": 50000000.0}       (USD; either bound may be null)
- funding:    {"stages": ["series a", "series b"]}         (any-of, canonical stage names)
- tech_stack: {"tools": ["Salesforce", "HubSpot"]}         (any-of)
- geography:  {"places": ["United States", "DACH"]}        (any-of; countries, regions, states or cities)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from synthesis.icp import places
from synthesis.icp.vocabulary import FUNDING_STAGES, MONEY_SCALES, SCALE_PATTERN, funding_stage


class CriterionKind(StrEnum):
    INDUSTRY = "industry"
    EMPLOYEES = "employees"
    REVENUE = "revenue"
    FUNDING = "funding"
    TECH_STACK = "tech_stack"
    GEOGRAPHY = "geography"


VALUE_KEYS = {
    CriterionKind.INDUSTRY: "values",
    CriterionKind.FUNDING: "stages",
    CriterionKind.TECH_STACK: "tools",
    CriterionKind.GEOGRAPHY: "places",
}
"""The spec key holding the any-of list of each list-valued kind."""


class CriterionError(ValueError):
    """A criterion the user wrote that cannot be understood; the message says what is expected."""


class CriterionLike(Protocol):
    """What fit scoring needs of a criterion: an ``IcpCriterion`` row or a ``Criterion``."""

    attribute: str
    spec: dict[str, Any]
    weight: float


@dataclass(frozen=True)
class Criterion:
    attribute: str
    spec: dict[str, Any] = field(default_factory=dict)
    weight: float = 1.0


_KIND_ALIASES = {
    "industry": CriterionKind.INDUSTRY,
    "vertical": CriterionKind.INDUSTRY,
    "employees": CriterionKind.EMPLOYEES,
    "employee_count": CriterionKind.EMPLOYEES,
    "size": CriterionKind.EMPLOYEES,
    "headcount": CriterionKind.EMPLOYEES,
    "revenue": CriterionKind.REVENUE,
    "arr": CriterionKind.REVENUE,
    "funding": CriterionKind.FUNDING,
    "funding_stage": CriterionKind.FUNDING,
    "stage": CriterionKind.FUNDING,
    "tech_stack": CriterionKind.TECH_STACK,
    "tech": CriterionKind.TECH_STACK,
    "tools": CriterionKind.TECH_STACK,
    "stack": CriterionKind.TECH_STACK,
    "geography": CriterionKind.GEOGRAPHY,
    "geo": CriterionKind.GEOGRAPHY,
    "country": CriterionKind.GEOGRAPHY,
    "region": CriterionKind.GEOGRAPHY,
}

_AMOUNT = re.compile(rf"(\d[\d,]*(?:\.\d+)?)\s*({SCALE_PATTERN})?\b", re.IGNORECASE)
_BELOW = re.compile(r"^\s*(?:<=?|≤|-|under|below|less than|up to|at most)", re.IGNORECASE)
_ABOVE = re.compile(r"^\s*(?:>=?|≥|over|above|more than|at least)|\+\s*$", re.IGNORECASE)
_NON_USD = re.compile(r"€|£|\beur\b|\beuros?\b|\bgbp\b|\bpounds?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Range:
    low: float | None
    high: float | None


def parse_range(text: str) -> Range:
    """Parse "100-1,000", "$10M-$50M", "1k+", "under 50", "$12M ARR" into a range (one value: low == high).

    A scale written only on the second number applies to both ("10-50M"). Raises CriterionError.
    """
    amounts = [
        (float(m.group(1).replace(",", "")), (m.group(2) or "").lower()) for m in _AMOUNT.finditer(text)
    ]
    if not amounts or len(amounts) > 2:
        raise CriterionError(f"{text!r}: expected a number or a range such as 100-1000, 100+ or $10M-$50M.")
    if len(amounts) == 2 and not amounts[0][1]:
        amounts[0] = (amounts[0][0], amounts[1][1])
    values = [number * MONEY_SCALES.get(scale, 1.0) for number, scale in amounts]
    if len(values) == 2:
        low, high = sorted(values)
        return Range(low, high)
    if _BELOW.search(text):
        return Range(None, values[0])
    if _ABOVE.search(text):
        return Range(values[0], None)
    return Range(values[0], values[0])


def is_usd(text: str) -> bool:
    return not _NON_USD.search(text)


def _bounds(spec: dict[str, Any], kind: str) -> dict[str, Any]:
    low, high = spec.get("min"), spec.get("max")
    for bound in (low, high):
        if bound is not None and (not isinstance(bound, int | float) or bound < 0):
            raise CriterionError(f"{kind}: bounds must be non-negative numbers, got {bound!r}.")
    if low is None and high is None:
        raise CriterionError(f"{kind}: give a minimum, a maximum or both.")
    if low is not None and high is not None and low > high:
        raise CriterionError(f"{kind}: the minimum {low} is above the maximum {high}.")
    cast = int if kind == CriterionKind.EMPLOYEES else float
    return {"min": None if low is None else cast(low), "max": None if high is None else cast(high)}


def _values(spec: dict[str, Any], key: str, kind: str) -> list[str]:
    values = spec.get(key)
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v.strip() for v in values)
    ):
        raise CriterionError(f"{kind}: give at least one value in {key!r}.")
    return list(dict.fromkeys(v.strip() for v in values))


def validate_spec(attribute: str, spec: dict[str, Any]) -> dict[str, Any]:
    """The normalised spec of a criterion, or CriterionError saying what is wrong."""
    kind = kind_of(attribute)
    if kind in (CriterionKind.EMPLOYEES, CriterionKind.REVENUE):
        return _bounds(spec, kind)
    if kind == CriterionKind.INDUSTRY:
        return {"values": [v.lower() for v in _values(spec, "values", kind)]}
    if kind == CriterionKind.TECH_STACK:
        return {"tools": _values(spec, "tools", kind)}
    if kind == CriterionKind.GEOGRAPHY:
        return {"places": [places.canonical(v) for v in _values(spec, "places", kind)]}
    stages = []
    for value in _values(spec, "stages", kind):
        stage = funding_stage(value)
        if stage is None:
            raise CriterionError(f"funding: unknown stage {value!r}; use one of {', '.join(FUNDING_STAGES)}.")
        stages.append(stage)
    return {"stages": list(dict.fromkeys(stages))}


def kind_of(attribute: str) -> CriterionKind:
    kind = _KIND_ALIASES.get(attribute.strip().lower())
    if kind is None:
        raise CriterionError(
            f"unknown criterion {attribute!r}; use one of {', '.join(k.value for k in CriterionKind)}."
        )
    return kind


def parse_criterion(text: str) -> Criterion:
    """Parse CLI text such as "employees:100-1000", "industry:software,saas" or "revenue:$10M-$50M"."""
    attribute, sep, value = text.partition(":")
    if not sep or not value.strip():
        raise CriterionError(f"{text!r}: write a criterion as kind:value, for example employees:100-1000.")
    kind = kind_of(attribute)
    items = [item.strip() for item in value.split(",") if item.strip()]
    if kind in (CriterionKind.EMPLOYEES, CriterionKind.REVENUE):
        if kind == CriterionKind.REVENUE and not is_usd(value):
            raise CriterionError(f"{text!r}: revenue criteria are in USD.")
        if kind == CriterionKind.EMPLOYEES and ("$" in value or re.search(r"\d\s*[mb]\b", value, re.I)):
            raise CriterionError(f"{text!r}: employees are a head count such as 100-1000.")
        bounds = parse_range(value)
        spec: dict[str, Any] = {"min": bounds.low, "max": bounds.high}
    else:
        spec = {VALUE_KEYS[kind]: items}
    return Criterion(kind.value, validate_spec(kind, spec))


def format_count(value: float) -> str:
    return f"{value:,.0f}"


def format_usd(value: float) -> str:
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= scale:
            return f"${value / scale:.1f}".rstrip("0").rstrip(".") + suffix
    return f"${value:,.0f}"


def describe_range(spec: dict[str, Any], fmt: Any) -> str:
    """ "100-1,000", "at least 100" or "at most 1,000" for a min/max spec."""
    low, high = spec.get("min"), spec.get("max")
    if low is not None and high is not None:
        return f"{fmt(low)}-{fmt(high)}"
    return f"at least {fmt(low)}" if low is not None else f"at most {fmt(high)}"


def describe(criterion: CriterionLike) -> str:
    """A one-line human description of a criterion."""
    kind = kind_of(criterion.attribute)
    spec = criterion.spec
    if kind == CriterionKind.EMPLOYEES:
        return f"employees {describe_range(spec, format_count)}"
    if kind == CriterionKind.REVENUE:
        return f"revenue {describe_range(spec, format_usd)}"
    key = VALUE_KEYS[kind]
    return f"{kind.value.replace('_', ' ')}: {' or '.join(spec[key])}"
