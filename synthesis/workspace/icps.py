"""Plain data for the ICP editor: ICPs with criteria as editable text, fit rows, success rows (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.tables import Company, WorkspaceSetting
from synthesis.icp.criteria import (
    VALUE_KEYS,
    CriterionKind,
    CriterionLike,
    describe_range,
    format_count,
    format_usd,
    kind_of,
)
from synthesis.icp.fit import CompanyFit, score_company
from synthesis.icp.separation import own_product, separation
from synthesis.icp.store import list_icps
from synthesis.icp.success import SuccessRow, success_table, suggest_criteria


@dataclass(frozen=True)
class IcpDraft:
    """An ICP as the editor shows it: criteria as (attribute, value text) pairs."""

    id: int | None
    name: str
    description: str
    criteria: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FitRow:
    fit: CompanyFit
    relationship: str


@dataclass(frozen=True)
class IcpEvidence:
    """Everything the ICP editor shows beside the chosen ICP."""

    icps: tuple[IcpDraft, ...]
    fits: tuple[FitRow, ...]
    success: tuple[SuccessRow, ...]
    suggestions: tuple[tuple[str, str], ...]
    """Suggested criteria as (attribute, value text)."""
    separation: str = ""
    """Whether the chosen ICP separates customers from churned and lost companies, said plainly."""
    separates: bool | None = None


def value_text(criterion: CriterionLike) -> str:
    """The text that ``parse_criterion`` reads back into this criterion's spec."""
    kind = kind_of(criterion.attribute)
    if kind == CriterionKind.EMPLOYEES:
        return describe_range(criterion.spec, format_count)
    if kind == CriterionKind.REVENUE:
        return describe_range(criterion.spec, format_usd)
    return ", ".join(criterion.spec[VALUE_KEYS[kind]])


def icp_evidence(session: Session, icp_id: int | None) -> IcpEvidence:
    """The ICPs, the fit of every company to ``icp_id`` (none: no fit rows) and the success table."""
    definitions = list_icps(session)
    drafts = tuple(
        IcpDraft(d.id, d.name, d.description, tuple((c.attribute, value_text(c)) for c in d.criteria))
        for d in definitions
    )
    companies = list(session.exec(select(Company).order_by(col(Company.name))))
    chosen = next((d for d in definitions if d.id == icp_id), None)
    fits = ()
    if chosen is not None:
        fits = tuple(FitRow(score_company(c, chosen.criteria), str(c.relationship)) for c in companies)
        fits = tuple(sorted(fits, key=lambda r: (-r.fit.fits, -r.fit.score, r.fit.company_name)))
    client = session.get(WorkspaceSetting, "client")
    rows = [
        r for r in success_table(companies) if not own_product(r.value, str(client.value if client else ""))
    ]
    suggestions = tuple((c.attribute, value_text(c)) for c in suggest_criteria(rows))
    verdict = (
        separation([(r.fit.company_name, r.relationship, r.fit.fits) for r in fits]) if fits else ("", None)
    )
    return IcpEvidence(drafts, fits, tuple(rows), suggestions, *verdict)
