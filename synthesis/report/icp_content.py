"""ICP sections of a report: criteria, interviewed companies with fit scores, success patterns, outsiders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from models.tables import Company, CompanyRelationship
from synthesis.icp.criteria import describe, kind_of
from synthesis.icp.fit import Outcome, score_company
from synthesis.icp.separation import MIN_SUCCESS_COMPANIES, own_product
from synthesis.icp.separation import separation as separation_verdict
from synthesis.icp.store import IcpDefinition
from synthesis.icp.success import SuccessRow, success_table
from synthesis.report.labels import Labels
from synthesis.report.shapes import CompanyFitRow, IcpSection, OutsideEntry

_STAGE = re.compile(r"\bseries ([a-h])\b")
ATTRIBUTE_LABELS = {
    "industry": "Industry",
    "employees": "Employees",
    "revenue": "Revenue",
    "funding": "Funding stage",
    "tech_stack": "Tech stack",
    "geography": "Geography",
}


def fit_text(row: CompanyFitRow) -> str:
    """ "Fits", "Fits (3 of 4 criteria known)" or "Does not fit: …": no number that reads as half a fit."""
    if row.fits:
        known, total = (int(n) for n in re.findall(r"\d+", row.coverage)[:2])
        return "Fits" if known == total else f"Fits ({row.coverage})"
    if row.misses:
        return f"Does not fit: {row.misses}"
    return f"Does not fit: too little is known ({row.coverage})"


def success_text(row: SuccessRow) -> str:
    if row.share is None:
        return "—"
    return f"{row.share:.0%}" + (" (too few)" if row.decided < MIN_SUCCESS_COMPANIES else "")


def tidy(text: str) -> str:
    """Funding stages as people write them: "series b" -> "Series B"."""
    return _STAGE.sub(lambda m: f"Series {m.group(1).upper()}", text)


def _requirement(text: str) -> str:
    """ "employees 100-1,000" -> "100-1,000"; "industry: a or b" -> "a or b"."""
    _head, sep, tail = text.partition(": ")
    if sep:
        return tail
    return text.split(" ", 1)[1] if " " in text else text


def _fit_rows(icp: IcpDefinition, companies: Sequence[Company], labels: Labels) -> list[CompanyFitRow]:
    rows = []
    for company in companies:
        fit = score_company(company, icp.criteria)
        misses = "; ".join(
            tidy(labels.head_counts(labels.text(r.explanation)))
            for r in fit.results
            if r.outcome == Outcome.MISS
        )
        rows.append(
            CompanyFitRow(
                labels.company(company),
                labels.profile(company),
                company.relationship.value if company.relationship != CompanyRelationship.UNKNOWN else "—",
                fit.score,
                fit.fits,
                fit.coverage,
                misses,
            )
        )
    return sorted(rows, key=lambda r: (not r.fits, -r.score, r.company))


def _success_rows(
    icp: IcpDefinition, companies: Sequence[Company], client: str
) -> tuple[list[SuccessRow], int]:
    """Success shares of the values of this ICP's own attributes, without the client's own product; values
    seen at one decided company only are left out (and counted)."""
    attributes = {kind_of(c.attribute).value for c in icp.criteria}
    rows = [
        row
        for row in success_table(companies)
        if row.attribute in attributes and not own_product(row.value, client)
    ]
    kept = [
        replace(row, attribute=ATTRIBUTE_LABELS.get(row.attribute, row.attribute), value=tidy(row.value))
        for row in rows
        if row.decided > 1
    ]
    return kept, len(rows) - len(kept)


def _outside(icp: IcpDefinition, labels: Labels) -> list[OutsideEntry]:
    entries = []
    for interview_id in sorted(labels.interviews):
        company = labels.company_of(interview_id)
        if company is None:
            entries.append(
                OutsideEntry(
                    labels.interview(interview_id), "—", "No company is recorded for this interview."
                )
            )
            continue
        fit = score_company(company, icp.criteria)
        if fit.fits:
            continue
        misses = [
            tidy(labels.head_counts(labels.text(r.explanation)))
            for r in fit.results
            if r.outcome == Outcome.MISS
        ]
        reason = "; ".join(misses) if misses else f"Too little is known ({fit.coverage})"
        entries.append(
            OutsideEntry(
                labels.interview(interview_id), labels.company(company), reason[:1].upper() + reason[1:]
            )
        )
    return entries


def icp_section(
    icp: IcpDefinition, companies: Sequence[Company], labels: Labels, client: str = ""
) -> IcpSection:
    fits = _fit_rows(icp, companies, labels)
    success, left_out = _success_rows(icp, companies, client)
    separation, separates = separation_verdict([(r.company, r.relationship, r.fits) for r in fits])
    return IcpSection(
        icp.id,
        labels.text(icp.name),
        labels.text(icp.description),
        tuple(
            (
                ATTRIBUTE_LABELS.get(kind_of(c.attribute).value, c.attribute),
                tidy(labels.text(_requirement(describe(c)))),
                f"{c.weight:g}",
            )
            for c in icp.criteria
        ),
        tuple(fits),
        tuple(success),
        tuple(_outside(icp, labels)),
        separation,
        separates,
        left_out,
    )
