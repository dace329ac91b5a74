"""The bundled sample workspace: eight parseable interviews that agree with companies.json."""

from __future__ import annotations

import json
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from models.tables import Company, CompanyRelationship
from synthesis.demo import ICP_CRITERIA
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.fit import score_company
from synthesis.ingest import parse_file, segment_problems
from synthesis.transcript import SpeakerRole

SAMPLES = files("synthesis") / "samples"
COMPANIES = json.loads((SAMPLES / "companies.json").read_text(encoding="utf-8"))
INTERVIEWERS = {"nadia okoro", "tom lindqvist"}
KEYS = {
    "name", "industry", "employee_count", "revenue_band", "funding_stage", "tech_stack",
    "country", "region", "relationship", "transcript",
}


def _company(entry: dict) -> Company:
    fields = {key: value for key, value in entry.items() if key != "transcript"}
    return Company(**{**fields, "relationship": CompanyRelationship(fields["relationship"])})


def _parse(name: str):
    with as_file(SAMPLES / "transcripts" / name) as path:
        return parse_file(Path(path))


def test_companies_cover_every_transcript_and_relationship() -> None:
    names = sorted(entry.name for entry in (SAMPLES / "transcripts").iterdir())
    assert sorted(company["transcript"] for company in COMPANIES) == names
    assert len(names) == 8
    assert all(set(company) == KEYS for company in COMPANIES)
    assert {company["relationship"] for company in COMPANIES} == {"customer", "churned", "lost", "prospect"}
    assert {company["region"] for company in COMPANIES} == {"North America", "UK", "EU"}


def test_six_companies_fit_the_demo_icp_and_two_do_not() -> None:
    criteria = [parse_criterion(text) for text in ICP_CRITERIA]
    fits = {entry["name"]: score_company(_company(entry), criteria).fits for entry in COMPANIES}
    assert sum(fits.values()) == 6, fits
    outside = [entry for entry in COMPANIES if not fits[entry["name"]]]
    assert len(outside) == 2 and all(not 100 <= entry["employee_count"] <= 1000 for entry in outside)


def test_formats_are_the_promised_exports() -> None:
    formats = sorted(_parse(company["transcript"]).format for company in COMPANIES)
    assert formats == ["labelled", "otter", "otter", "rev", "srt", "webvtt", "zoom", "zoom"]


@pytest.mark.parametrize("company", COMPANIES, ids=lambda company: company["transcript"])
def test_each_transcript_is_one_consultant_and_one_respondent(company: dict) -> None:
    transcript = _parse(company["transcript"])
    roles = {turn.speaker.casefold(): turn.role for turn in transcript.turns}
    assert len(roles) == 2
    interviewer = [name for name, role in roles.items() if role is SpeakerRole.INTERVIEWER]
    assert len(interviewer) == 1 and interviewer[0] in INTERVIEWERS
    assert segment_problems(transcript) == []
    assert transcript.warnings == []
    words = sum(len(turn.text.split()) for turn in transcript.turns)
    assert 1200 <= words <= 2000
    respondent_text = " ".join(t.text for t in transcript.turns if t.role is SpeakerRole.RESPONDENT)
    assert company["name"] in respondent_text
    for tool in company["tech_stack"]:
        assert tool.split(" (")[0] in respondent_text, tool
