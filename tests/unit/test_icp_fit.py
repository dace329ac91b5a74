"""Company fit against an ICP: per-criterion explanations, unknowns that are not misses, the fits rule."""

from models.tables import Company
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.fit import Outcome, score_company
from synthesis.icp.places import expand


def _criteria(*texts: str):
    return [parse_criterion(t) for t in texts]


ICP = _criteria(
    "employees:100-1,000", "industry:software,saas", "geography:United States", "tech:Salesforce,HubSpot"
)


def test_full_match_explains_each_criterion() -> None:
    company = Company(
        name="Acme",
        employee_count=310,
        industry="Vertical SaaS",
        country="Denver, Colorado",
        tech_stack=["HubSpot", "Slack"],
    )
    fit = score_company(company, ICP)
    assert fit.score == 100
    assert fit.fits
    assert [r.outcome for r in fit.results] == [Outcome.MATCH] * 4
    assert fit.results[0].explanation == "310 employees is within 100-1,000"
    assert fit.results[2].explanation == "Denver, Colorado is in United States"
    assert fit.results[3].explanation == "uses HubSpot"
    assert fit.coverage == "4 of 4 criteria known"


def test_unknown_values_are_shown_and_not_counted_as_misses() -> None:
    company = Company(name="Quiet", employee_count=250, industry="software")
    fit = score_company(company, ICP)
    outcomes = [r.outcome for r in fit.results]
    assert outcomes == [Outcome.MATCH, Outcome.MATCH, Outcome.UNKNOWN, Outcome.UNKNOWN]
    assert fit.score == 100
    assert fit.coverage == "2 of 4 criteria known"
    assert fit.results[2].explanation == "location unknown"
    assert fit.fits  # half known and nothing missed


def test_a_miss_lowers_the_score_and_rules_out_fit() -> None:
    company = Company(name="Big", employee_count=5000, industry="software", country="Germany")
    fit = score_company(company, ICP)
    assert fit.results[0].outcome == Outcome.MISS
    assert fit.results[0].explanation == "5,000 employees is above 100-1,000"
    assert fit.results[2].outcome == Outcome.MISS
    assert fit.score == 33
    assert not fit.fits


def test_too_little_known_does_not_fit() -> None:
    fit = score_company(Company(name="Blank", industry="saas"), ICP)
    assert fit.coverage == "1 of 4 criteria known"
    assert fit.score == 100
    assert not fit.fits
    assert score_company(Company(name="Nothing"), ICP).score == 0


def test_revenue_bands_compare_by_midpoint_and_non_usd_is_unknown() -> None:
    criteria = _criteria("revenue:$10M-$50M")
    inside = score_company(Company(name="A", revenue_band="$20M-$30M"), criteria).results[0]
    assert inside.outcome == Outcome.MATCH
    assert "midpoint $25M" in inside.explanation
    below = score_company(Company(name="B", revenue_band="$5M ARR"), criteria).results[0]
    assert below.outcome == Outcome.MISS
    euro = score_company(Company(name="C", revenue_band="€30M"), criteria).results[0]
    assert euro.outcome == Outcome.UNKNOWN


def test_funding_venture_backed_covers_seed_and_series() -> None:
    criteria = _criteria("funding:venture-backed")
    assert (
        score_company(Company(name="A", funding_stage="Series B"), criteria).results[0].outcome
        == Outcome.MATCH
    )
    assert (
        score_company(Company(name="B", funding_stage="bootstrapped"), criteria).results[0].outcome
        == Outcome.MISS
    )
    assert (
        score_company(Company(name="C", funding_stage="mystery"), criteria).results[0].outcome
        == Outcome.UNKNOWN
    )


def test_geography_uses_the_gazetteer_and_admits_unknown_places() -> None:
    assert {"united states", "north america", "colorado"} <= expand("Denver, CO")
    assert "emea" in expand("Berlin")
    europe = _criteria("geography:Europe")
    assert score_company(Company(name="A", country="London"), europe).results[0].outcome == Outcome.MATCH
    assert score_company(Company(name="B", country="Texas"), europe).results[0].outcome == Outcome.MISS
    assert score_company(Company(name="C", country="Atlantis"), europe).results[0].outcome == Outcome.UNKNOWN


def test_weights_shape_the_score() -> None:
    heavy = parse_criterion("employees:100-1000")
    criteria = [type(heavy)(heavy.attribute, heavy.spec, 3.0), parse_criterion("industry:fintech")]
    fit = score_company(Company(name="A", employee_count=200, industry="software"), criteria)
    assert fit.score == 75


def test_a_tool_matches_its_editions_but_not_other_words() -> None:
    criterion = parse_criterion("tech:Salesforce")
    bank = Company(name="Bank", tech_stack=["Salesforce Financial Services Cloud", "Excel"])
    other = Company(name="Other", tech_stack=["SalesforceLike CRM"])
    assert score_company(bank, [criterion]).results[0].outcome == Outcome.MATCH
    assert score_company(other, [criterion]).results[0].outcome == Outcome.MISS
