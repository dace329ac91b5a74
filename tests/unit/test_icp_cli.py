"""The icp and synthesize commands, run through Typer's CliRunner on a real workspace."""

from pathlib import Path

import pytest
import typer
from sqlmodel import Session
from typer.testing import CliRunner

from models.database import open_workspace
from models.tables import CompanyRelationship, InsightKind
from synthesis.cli import synthesis_commands
from synthesis.icp.store import list_icps
from tests.unit.persona_rows import add_company, add_interview, new_workspace

runner = CliRunner(env={"COLUMNS": "250"})  # a wide terminal; the console's own width stays untouched


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    synthesis_commands.register(app)

    @app.command("noop", hidden=True)
    def _noop() -> None:
        """Keeps Typer in multi-command mode."""

    return app


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    engine = new_workspace(tmp_path)
    acme = add_company(
        engine,
        "Acme",
        employee_count=310,
        industry="logistics software",
        country="Denver, CO",
        relationship=CompanyRelationship.CUSTOMER,
    )
    big = add_company(
        engine,
        "Bigco",
        employee_count=9000,
        industry="retail",
        country="France",
        relationship=CompanyRelationship.CHURNED,
    )
    add_interview(
        engine,
        "Ann",
        acme,
        "RevOps Manager",
        [(InsightKind.PAIN, "Spends hours fixing CRM data", "I spend hours fixing CRM data.")],
    )
    add_interview(
        engine,
        "Bob",
        big,
        "VP Sales",
        [(InsightKind.PAIN, "Too many tools to manage", "We have too many tools.")],
    )
    engine.dispose()
    return tmp_path / "x.groundwork"


ADD = [
    "icp",
    "add",
    "--name",
    "Core",
    "--criterion",
    "employees:100-1000",
    "--criterion",
    "industry:logistics,software",
    "--criterion",
    "geography:United States",
]


def test_icp_add_list_fit(app: typer.Typer, ws: Path) -> None:
    result = runner.invoke(app, [*ADD[:2], str(ws), *ADD[2:]])
    assert result.exit_code == 0, result.output
    assert "Created ICP 1: Core" in result.output

    listed = runner.invoke(app, ["icp", "list", str(ws)])
    assert listed.exit_code == 0
    assert "employees 100-1,000" in listed.output

    fit = runner.invoke(app, ["icp", "fit", str(ws)])
    assert fit.exit_code == 0, fit.output
    assert "310 employees is within 100-1,000" in fit.output
    assert "9,000 employees is above 100-1,000" in fit.output
    assert "Which characteristics go with success" in fit.output
    assert "100% (1 of 1)" in fit.output


def test_icp_add_refuses_two_criteria_and_bad_text(app: typer.Typer, ws: Path) -> None:
    two = runner.invoke(app, ["icp", "add", str(ws), *ADD[2:8]])
    assert two.exit_code == 2
    assert "3 to 4 criteria" in two.output
    bad = runner.invoke(app, ["icp", "add", str(ws), "--name", "X", "--criterion", "colour:red"])
    assert bad.exit_code == 2
    assert "unknown criterion" in bad.output
    engine = open_workspace(ws)
    with Session(engine) as session:
        assert list_icps(session) == []
    engine.dispose()


def test_synthesize_reports_personas_and_outside_interviews(app: typer.Typer, ws: Path) -> None:
    runner.invoke(app, [*ADD[:2], str(ws), *ADD[2:]])
    result = runner.invoke(app, ["synthesize", str(ws)])
    assert result.exit_code == 0, result.output
    assert "RevOps lead at a mid-market logistics software company" in result.output
    assert "1 personas" in result.output
    assert "Interviews outside every ICP" in result.output
    assert "Bigco fits no ICP" in result.output
    again = runner.invoke(app, ["synthesize", str(ws)])
    assert "unchanged" in again.output


def test_synthesize_without_icp_says_so(app: typer.Typer, ws: Path) -> None:
    result = runner.invoke(app, ["synthesize", str(ws)])
    assert result.exit_code == 0
    assert "No ICP is defined yet" in result.output
    assert "not ICP-linked" in result.output


def test_synthesize_asks_before_replacing_drafts(app: typer.Typer, ws: Path) -> None:
    assert runner.invoke(app, ["synthesize", str(ws)]).exit_code == 0
    engine = open_workspace(ws)
    acme = add_company(engine, "Acme Two", employee_count=300, industry="logistics software", country="Ohio")
    add_interview(
        engine,
        "Bo",
        acme,
        "RevOps Manager",
        [(InsightKind.PAIN, "Rebuilds the forecast by hand", "I rebuild the forecast by hand.")],
    )
    engine.dispose()
    refused = runner.invoke(app, ["synthesize", str(ws)], input="n\n")
    assert refused.exit_code == 2
    assert "draft personas (1) would be replaced or deleted" in refused.output
    assert "--yes" in refused.output
    replaced = runner.invoke(app, ["synthesize", str(ws), "--yes"])
    assert replaced.exit_code == 0, replaced.output
    assert "updated" in replaced.output
