"""`groundwork companies`, `company set` and `company accept`: from transcripts to firmographics."""

from pathlib import Path

from sqlmodel import Session, select
from typer.testing import CliRunner

from models.database import open_workspace
from models.tables import Company, CompanyRelationship, FirmographicSuggestion, InsightStatus
from synthesis.cli.main import app

runner = CliRunner()
TRANSCRIPT = """Interviewer: Tell me about yourself and the company.

Jo: I'm the Head of Sales Operations at Brightpath Labs. We're about three hundred and forty people, \
we raised a Series C last year, and we're based in Denver. \
My team of four people lives in Salesforce and Gong.
"""


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def test_employer_named_in_a_transcript_becomes_a_company_whose_suggestions_can_be_accepted(
    tmp_path: Path,
) -> None:
    ws, source = tmp_path / "ws.groundwork", tmp_path / "call.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    invoke("init", ws)
    invoke("import", ws, source)
    assert invoke("extract", ws, "--no-model").exit_code == 0
    listing = invoke("companies", ws)
    assert "Brightpath Labs" in listing.output and "1 companies" in listing.output

    accepted = invoke("company", "accept", ws)
    assert accepted.exit_code == 0, accepted.output
    assert "“about three hundred and forty people”" in accepted.output
    set_result = invoke(
        "company", "set", ws, "Brightpath Labs", "--relationship", "customer", "--industry", "SaaS"
    )
    assert set_result.exit_code == 0, set_result.output

    engine = open_workspace(ws)
    with Session(engine) as session:
        company = session.exec(select(Company)).one()
        assert company.employee_count == 340  # the team of four is not even suggested
        assert company.funding_stage == "Series C" and company.region == "Denver"
        assert company.tech_stack == ["Salesforce", "Gong"]
        assert (company.relationship, company.industry) == (CompanyRelationship.CUSTOMER, "SaaS")
        left = session.exec(
            select(FirmographicSuggestion).where(FirmographicSuggestion.field == "employee_count")
        )
        assert [s.status for s in left] == [InsightStatus.ACCEPTED]
    engine.dispose()


def test_company_set_refuses_bad_values_and_unknown_interviews(tmp_path: Path) -> None:
    ws = tmp_path / "ws.groundwork"
    invoke("init", ws)
    bad = invoke("company", "set", ws, "Acme", "--relationship", "friend")
    assert bad.exit_code == 2 and "relationship is one of" in bad.output
    missing = invoke("company", "set", ws, "Acme", "--interview", 99)
    assert missing.exit_code == 2 and "no interview 99" in missing.output


def test_accept_can_be_previewed_and_names_the_company_and_companies_fit_80_columns(tmp_path: Path) -> None:
    ws, source = tmp_path / "ws.groundwork", tmp_path / "call.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    invoke("init", ws)
    invoke("import", ws, source)
    assert invoke("extract", ws, "--no-model").exit_code == 0

    preview = invoke("company", "accept", ws, "--dry-run")
    assert preview.exit_code == 0, preview.output
    lines = [line for line in preview.output.splitlines() if "←" in line]
    assert lines and all(line.startswith("Brightpath Labs: ") for line in lines)
    assert "would be accepted (dry run: nothing was changed)" in preview.output
    engine = open_workspace(ws)
    with Session(engine) as session:
        assert session.exec(select(Company)).one().employee_count is None
        assert {s.status for s in session.exec(select(FirmographicSuggestion))} <= {
            InsightStatus.SUGGESTED,
            InsightStatus.ACCEPTED,  # the employer's name, linked at extraction
        }
    engine.dispose()
    assert invoke("company", "accept", ws).exit_code == 0

    narrow = runner.invoke(app, ["companies", str(ws)], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0, narrow.output
    assert max(len(line) for line in narrow.output.splitlines()) <= 80
    assert "Brightpath Labs" in narrow.output and "Employees: 340" in narrow.output
    assert "Funding: Series C" in narrow.output and "1 companies" in narrow.output
