"""Which firmographic values go with success: counts per value and criteria suggested from them."""

from models.tables import Company, CompanyRelationship
from synthesis.icp.success import employee_band, success_table, suggest_criteria

C, CH, L, P, U = (
    CompanyRelationship.CUSTOMER,
    CompanyRelationship.CHURNED,
    CompanyRelationship.LOST,
    CompanyRelationship.PROSPECT,
    CompanyRelationship.UNKNOWN,
)


def _company(name: str, relationship: CompanyRelationship, employees: int, industry: str, **more) -> Company:
    return Company(name=name, relationship=relationship, employee_count=employees, industry=industry, **more)


COMPANIES = [
    _company("a", C, 300, "Logistics", tech_stack=["Salesforce"], country="Denver, Colorado"),
    _company("b", C, 450, "logistics", tech_stack=["Salesforce", "Slack"], country="Texas"),
    _company("c", C, 800, "fintech", tech_stack=["Salesforce"]),
    _company("d", CH, 40, "logistics", tech_stack=["HubSpot"], country="London"),
    _company("e", L, 20, "fintech", tech_stack=["HubSpot"], funding_stage="Seed"),
    _company("f", P, 350, "logistics"),
    _company("g", U, 350, "logistics"),
]


def _row(rows, attribute: str, value: str):
    return next(r for r in rows if r.attribute == attribute and r.value == value)


def test_employee_bands() -> None:
    assert employee_band(7) == "1-10"
    assert employee_band(300) == "201-500"
    assert employee_band(20_000) == "5,001+"


def test_success_counts_per_value() -> None:
    rows = success_table(COMPANIES)
    logistics = _row(rows, "industry", "logistics")
    assert (logistics.customers, logistics.churned, logistics.lost, logistics.prospects) == (2, 1, 0, 1)
    assert logistics.share == 2 / 3
    assert _row(rows, "tech_stack", "Salesforce").share == 1.0
    assert _row(rows, "tech_stack", "HubSpot").share == 0.0
    band = _row(rows, "employees", "201-500")
    assert (band.customers, band.prospects) == (2, 1)
    assert _row(rows, "geography", "North America").customers == 2
    assert _row(rows, "geography", "Europe").churned == 1
    assert _row(rows, "funding", "seed").lost == 1
    # the company with an unknown relationship is not counted anywhere
    assert sum(r.customers + r.churned + r.lost + r.prospects for r in rows if r.attribute == "industry") == 6


def test_suggested_criteria_need_share_and_support() -> None:
    suggestions = {c.attribute: c.spec for c in suggest_criteria(success_table(COMPANIES))}
    assert suggestions["tech_stack"] == {"tools": ["Salesforce"]}
    assert suggestions["employees"] == {"min": 201, "max": 500}  # 501-1000 has only one decided company
    assert "industry" not in suggestions  # logistics 2 of 3 is below the 70% bar
    assert suggest_criteria(success_table(COMPANIES), min_support=5) == []
