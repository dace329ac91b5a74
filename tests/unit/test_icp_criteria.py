"""ICP criteria: parsing user text into validated specs, and refusing what cannot be understood."""

import pytest

from synthesis.icp.criteria import (
    CriterionError,
    Range,
    describe,
    parse_criterion,
    parse_range,
    validate_spec,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100-1,000", Range(100, 1000)),
        ("$10M-$50M", Range(10e6, 50e6)),
        ("10-50M", Range(10e6, 50e6)),
        ("1k-5k", Range(1000, 5000)),
        ("100+", Range(100, None)),
        ("under 50", Range(None, 50)),
        ("$12M ARR", Range(12e6, 12e6)),
        ("12000000 USD", Range(12e6, 12e6)),
    ],
)
def test_parse_range(text: str, expected: Range) -> None:
    assert parse_range(text) == expected


def test_parse_criterion_kinds_and_specs() -> None:
    assert parse_criterion("employees:100-1000").spec == {"min": 100, "max": 1000}
    assert parse_criterion("industry:Software, SaaS").spec == {"values": ["software", "saas"]}
    assert parse_criterion("revenue:$10M-$50M").spec == {"min": 10e6, "max": 50e6}
    assert parse_criterion("funding:Series A,seed,pe-backed").spec == {
        "stages": ["series a", "seed", "private equity"]
    }
    assert parse_criterion("tools:Salesforce,HubSpot").attribute == "tech_stack"
    assert parse_criterion("geo:USA,uk").spec == {"places": ["United States", "United Kingdom"]}


@pytest.mark.parametrize(
    "text",
    [
        "employees",
        "colour:blue",
        "employees:lots",
        "funding:series z",
        "revenue:€10M-€50M",
        "employees:$10M-$20M",
    ],
)
def test_parse_criterion_errors(text: str) -> None:
    with pytest.raises(CriterionError):
        parse_criterion(text)


def test_validate_spec_rejects_inverted_and_empty_specs() -> None:
    with pytest.raises(CriterionError, match="above the maximum"):
        validate_spec("employees", {"min": 500, "max": 100})
    with pytest.raises(CriterionError):
        validate_spec("employees", {})
    with pytest.raises(CriterionError):
        validate_spec("industry", {"values": []})


def test_describe_is_readable() -> None:
    assert describe(parse_criterion("employees:100-1000")) == "employees 100-1,000"
    assert describe(parse_criterion("revenue:$10M+")) == "revenue at least $10M"
