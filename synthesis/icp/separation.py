"""Honest numbers about an ICP: does it separate winners from losers, which success rows are too small to
read, and the client's own product, which says nothing about who succeeds."""

from __future__ import annotations

from collections.abc import Sequence

from models.tables import CompanyRelationship

MIN_SUCCESS_COMPANIES = 3
"""A success-table row from fewer decided companies is flagged as too few to read as a pattern."""
_LOSERS = (CompanyRelationship.CHURNED.value, CompanyRelationship.LOST.value)


def own_product(value: str, client: str) -> bool:
    """ "Tallyline" or "Tallyline Forecasting" in a tech stack is the client's own product."""
    name, value = client.strip().casefold(), value.strip().casefold()
    return bool(name) and (value == name or value.startswith(f"{name} "))


def separation(companies: Sequence[tuple[str, str, bool]]) -> tuple[str, bool | None]:
    """Whether an ICP tells customers from churned and lost companies, in one plain sentence.

    ``companies`` are (name, relationship value, fits) triples. Returns the sentence and True (only
    customers fit among decided companies), False (churned or lost ones fit too) or None (none to test on).
    """
    customers = [c for c in companies if c[1] == CompanyRelationship.CUSTOMER.value]
    losers = [c for c in companies if c[1] in _LOSERS]
    losers_fit = [c for c in losers if c[2]]
    customers_fit = sum(c[2] for c in customers)
    if losers_fit:
        names = ", ".join(f"{name} ({relationship})" for name, relationship, _ in losers_fit)
        return (
            f"This ICP does not separate winners from losers: {names} fit it as well as {customers_fit} of "
            f"{len(customers)} customers.",
            False,
        )
    if not losers:
        return (
            "Whether this ICP separates winners from losers cannot be told: no churned or lost company "
            "was interviewed.",
            None,
        )
    return (
        f"This ICP separates winners from losers in this sample: {customers_fit} of {len(customers)} "
        f"customers fit and none of the {len(losers)} churned or lost companies do; with "
        f"{len(customers) + len(losers)} decided companies, treat this as indicative.",
        True,
    )
