"""Which firmographic values go with success: share of customers against churned and lost companies.

Only companies with a known relationship count. Per value (employee band, industry, funding stage, region,
each tool) the success share is customers / (customers + churned + lost); prospects are counted and shown
but are not part of the share, since their outcome is not known yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from models.tables import Company, CompanyRelationship
from synthesis.icp import places
from synthesis.icp.criteria import VALUE_KEYS, Criterion, CriterionKind, validate_spec
from synthesis.icp.vocabulary import funding_stage

EMPLOYEE_BANDS: tuple[tuple[int, int | None], ...] = (
    (1, 10),
    (11, 50),
    (51, 200),
    (201, 500),
    (501, 1000),
    (1001, 5000),
    (5001, None),
)
_REGIONS = ("north america", "latin america", "europe", "middle east", "africa", "apac")


@dataclass(frozen=True)
class SuccessRow:
    attribute: str
    value: str
    customers: int
    churned: int
    lost: int
    prospects: int

    @property
    def decided(self) -> int:
        """Companies whose outcome is known: customers, churned and lost."""
        return self.customers + self.churned + self.lost

    @property
    def share(self) -> float | None:
        return self.customers / self.decided if self.decided else None


def employee_band(count: int) -> str:
    for low, high in EMPLOYEE_BANDS:
        if high is None or count <= high:
            return f"{low:,}+" if high is None else f"{low:,}-{high:,}"
    raise AssertionError("unreachable")


def _values(company: Company) -> Iterator[tuple[str, str]]:
    """(attribute, value) pairs of one company, one per firmographic value it has."""
    if company.employee_count is not None and company.employee_count > 0:
        yield CriterionKind.EMPLOYEES, employee_band(company.employee_count)
    if company.industry and company.industry.strip():
        yield CriterionKind.INDUSTRY, company.industry.strip().lower()
    if company.funding_stage and (stage := funding_stage(company.funding_stage)):
        yield CriterionKind.FUNDING, stage
    known = set().union(*(places.expand(p) for p in (company.country, company.region) if p))
    for region in _REGIONS:
        if region in known:
            yield CriterionKind.GEOGRAPHY, places.canonical(region)
    for tool in dict.fromkeys(company.tech_stack):
        yield CriterionKind.TECH_STACK, tool


def success_table(companies: Iterable[Company]) -> list[SuccessRow]:
    """Per firmographic value, counts by relationship; rows with no known outcome are left out."""
    counts: dict[tuple[str, str], dict[CompanyRelationship, int]] = defaultdict(lambda: defaultdict(int))
    for company in companies:
        if company.relationship == CompanyRelationship.UNKNOWN:
            continue
        for key in set(_values(company)):
            counts[key][company.relationship] += 1
    rows = [
        SuccessRow(
            str(attribute),
            value,
            c[CompanyRelationship.CUSTOMER],
            c[CompanyRelationship.CHURNED],
            c[CompanyRelationship.LOST],
            c[CompanyRelationship.PROSPECT],
        )
        for (attribute, value), c in counts.items()
    ]
    rows = [row for row in rows if row.decided]
    return sorted(rows, key=lambda r: (r.attribute, -(r.share or 0), -r.decided, r.value))


def _band_bounds(label: str) -> tuple[int, int | None]:
    low, _, high = label.replace(",", "").rstrip("+").partition("-")
    return int(low), int(high) if high else None


def suggest_criteria(
    rows: Sequence[SuccessRow], *, min_support: int = 2, min_share: float = 0.7, limit: int = 4
) -> list[Criterion]:
    """Criteria from values with a success share of at least ``min_share`` over ``min_support`` decided
    companies; at most one criterion per attribute, strongest evidence first, at most ``limit``.

    Employee bands that qualify are joined into one min-max range spanning them.
    """
    good: dict[str, list[SuccessRow]] = defaultdict(list)
    for row in rows:
        if row.decided >= min_support and (row.share or 0) >= min_share:
            good[row.attribute].append(row)
    ranked = sorted(good.items(), key=lambda item: -sum(r.customers for r in item[1]))
    suggestions = []
    for attribute, chosen in ranked[:limit]:
        if attribute == CriterionKind.EMPLOYEES:
            bounds = [_band_bounds(r.value) for r in chosen]
            highs = [high for _, high in bounds]
            spec = {"min": min(low for low, _ in bounds), "max": None if None in highs else max(highs)}
        else:
            spec = {VALUE_KEYS[CriterionKind(attribute)]: [r.value for r in chosen]}
        suggestions.append(Criterion(attribute, validate_spec(attribute, spec)))
    return suggestions
