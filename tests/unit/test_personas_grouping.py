"""Persona groups by function with the seniority range described, and names with clean company wording."""

import pytest

from models.tables import Company
from synthesis.personas.grouping import MIN_SPLIT_RESPONDENTS, group_respondents
from synthesis.personas.naming import company_descriptor, group_title, persona_name, sentence_case
from synthesis.personas.roles import Seniority, normalise_role
from synthesis.personas.selection import Respondent


def _respondents(*titles: str) -> list[Respondent]:
    return [
        Respondent(
            number, f"Interview {number}", title, normalise_role(title), Company(name=f"C{number}"), (1,)
        )
        for number, title in enumerate(titles, start=1)
    ]


def test_revops_and_sales_ops_titles_form_one_group_whatever_the_seniority() -> None:
    groups = group_respondents(
        _respondents(
            "Director of Revenue Operations",
            "Senior Manager, Sales Operations",
            "Revenue Operations Manager",
            "VP Sales",
            "Chief Revenue Officer",
            "Head of Sales",
        )
    )
    assert [(g.key, len(g.respondents)) for g in groups] == [("RevOps", 3), ("Sales", 3)]
    revops, sales = groups
    assert revops.levels == (Seniority.HEAD, Seniority.LEAD)
    assert sales.levels == (Seniority.C_LEVEL, Seniority.VP, Seniority.HEAD)


def test_a_function_splits_by_seniority_only_when_both_halves_are_large() -> None:
    leaders = ["VP Sales", "CRO", "Head of Sales"]
    team = ["Sales Manager", "Account Executive", "Sales Team Lead"]
    split = group_respondents(_respondents(*leaders, *team))
    assert [(g.key, len(g.respondents)) for g in split] == [("Sales|leadership", 3), ("Sales|team", 3)]
    assert {r.job_title for r in split[0].respondents} == set(leaders)
    small = group_respondents(_respondents(*leaders, *team[: MIN_SPLIT_RESPONDENTS - 1]))
    assert [(g.key, len(g.respondents)) for g in small] == [("Sales", 5)]


@pytest.mark.parametrize(
    ("function", "levels", "title"),
    [
        ("Sales", [Seniority.VP], "VP of sales"),
        ("Sales", [Seniority.VP, Seniority.C_LEVEL], "VP of sales or CRO"),
        ("RevOps", [Seniority.LEAD, Seniority.HEAD], "RevOps leader"),
        ("Sales", [Seniority.C_LEVEL, Seniority.VP, Seniority.HEAD], "Sales leader"),
        ("Growth/Marketing", [Seniority.HEAD, Seniority.IC], "Marketing professional"),
        ("Other", [Seniority.LEAD, Seniority.VP], "Business leader"),
    ],
)
def test_group_titles_describe_the_seniority_range(
    function: str, levels: list[Seniority], title: str
) -> None:
    assert group_title(function, levels) == title


def test_sentence_case_lowers_sentence_capitals_and_keeps_acronyms() -> None:
    assert sentence_case("Payroll reconciliation software") == "payroll reconciliation software"
    assert sentence_case("HR compliance software") == "HR compliance software"
    assert sentence_case("Mid-market B2B SaaS") == "mid-market B2B SaaS"
    assert sentence_case("Freight Brokerage Platforms") == "freight brokerage platforms"
    assert sentence_case("Dental clinics using Dentrix") == "dental clinics using Dentrix"


def test_company_descriptor_prefers_a_shared_industry_then_icp_wording_then_a_shared_ending() -> None:
    assert (
        company_descriptor(["Dental software", "dental software", "Veterinary software"]) == "dental software"
    )
    varied = ["Payroll reconciliation software", "Fleet telematics software", "Tutoring software for schools"]
    assert company_descriptor(varied, "Growth-stage vertical software") == "growth-stage vertical software"
    assert company_descriptor(varied, "Tier one accounts") == "software"
    assert company_descriptor(varied, "Software companies in the EU") == "software"  # not a plain noun phrase
    assert company_descriptor(["Bakery", "Law firm"]) is None
    assert company_descriptor([]) is None


def test_names_read_as_one_clean_phrase() -> None:
    title = group_title("RevOps", [Seniority.HEAD, Seniority.LEAD])
    descriptor = company_descriptor(
        ["Invoice automation software", "Shift scheduling software", "Attribution software"],
        "Mid-market B2B software",
    )
    assert persona_name(title, 400, descriptor) == "RevOps leader at a mid-market B2B software company"
    assert (
        persona_name(title, 400, "payroll software")
        == "RevOps leader at a mid-market payroll software company"
    )
    assert persona_name(title, 20, "design agency") == "RevOps leader at a small design agency"
