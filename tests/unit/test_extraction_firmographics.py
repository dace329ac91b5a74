"""Firmographic parsing, each finding with its evidence span."""

from synthesis.extraction.firmographics import Firmographic, employee_count, extract_firmographics
from synthesis.icp.vocabulary import funding_stage
from synthesis.transcript import ParsedTurn, Segment, SpeakerRole


def _findings(text: str, role: SpeakerRole = SpeakerRole.RESPONDENT) -> list[Firmographic]:
    turns = [ParsedTurn("R", text, [Segment(0, 0, len(text))], role=role)]
    found = extract_firmographics(turns)
    assert all(turns[f.turn_index].text[f.start : f.end] == f.quote for f in found)
    return found


def _one(text: str, field: str) -> Firmographic:
    found = [f for f in _findings(text) if f.field == field]
    assert len(found) == 1, found
    return found[0]


def test_employee_count():
    f = _one("Right now we're about 310 people, mostly engineers.", "employee_count")
    assert (f.quote, f.normalized) == ("about 310 people", "310")
    assert _one("We have roughly 1,200 employees.", "employee_count").normalized == "1200"


def test_revenue():
    f = _one("We did $38 million in ARR last year.", "revenue")
    assert f.quote == "$38 million in ARR"
    assert f.normalized == "38000000 USD"
    assert _one("Our revenue is around €12M.", "revenue").normalized == "12000000 EUR"


def test_funding_stage_and_amount():
    assert _one("We closed our Series C in the spring.", "funding_stage").normalized == "Series C"
    assert _one("We're private equity owned.", "funding_stage").normalized == "private equity"
    assert _one("We raised $25 million last year.", "funding_amount").normalized == "25000000 USD"


def test_location():
    found = _findings("We're a fintech based in Denver, Colorado.")
    assert [f.value for f in found if f.field == "country_region"] == ["Denver", "Colorado"]
    found = _findings("We have offices in London and warehouses in Germany.")
    assert {f.value for f in found if f.field == "country_region"} == {"London", "Germany"}


def test_place_without_a_company_cue_is_ignored():
    found = _findings("I flew through Boston once, it was cold.")
    assert not [f for f in found if f.field == "country_region"]


def test_tech_stack():
    tools = [
        f.normalized
        for f in _findings("We use Salesforce and HubSpot, plus Google Sheets.")
        if f.field == "tech_stack"
    ]
    assert tools == ["Salesforce", "HubSpot", "Google Sheets"]


def test_industry():
    assert _one("We're a B2B payments company.", "industry").normalized == "b2b payments"


def test_interviewer_speech_is_never_evidence():
    assert _findings("We're 500 people and use Salesforce.", role=SpeakerRole.INTERVIEWER) == []


def test_company_name_where_the_respondent_names_their_employer():
    assert (
        _one("So I'm the Corporate Controller at Northgate Logistics.", "company_name").quote
        == "Northgate Logistics"
    )
    assert _one("Honestly, here at Brightrota we do it by hand.", "company_name").quote == "Brightrota"
    assert _one("I joined Parcelwise two years ago.", "company_name").quote == "Parcelwise"
    assert not [f for f in _findings("We met at the conference in May.") if f.field == "company_name"]


def test_spoken_head_counts_and_places_that_end_a_sentence():
    assert _one("We're about four hundred and eighty people.", "employee_count").normalized == "480"
    assert _one("We're two hundred ten employees.", "employee_count").normalized == "210"
    assert _one("The bank has fifteen thousand staff.", "employee_count").normalized == "15000"
    assert (
        _one("We're based in Rotterdam. About half of us are remote.", "country_region").quote == "Rotterdam"
    )


def test_employee_count_of_free_text():
    assert employee_count("roughly four hundred and eighty people") == 480
    assert employee_count("we're 12 staff now, and will be 40 employees by June") == 12
    assert employee_count("a small team") is None


def test_places_are_the_gazetteers_and_stages_are_the_icp_vocabulary():
    found = {f.quote for f in _findings("We have offices in London and Porto.")}
    assert {"London", "Porto"} <= found  # Porto, after the first place, is found by the gazetteer's names
    assert funding_stage(_one("We're self-funded and proud of it.", "funding_stage").quote) == "bootstrapped"
    spoken = _findings("We sell to the public sector and listed our problems.")
    assert not [f for f in spoken if f.field == "funding_stage"]
