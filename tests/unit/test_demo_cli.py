"""`groundwork demo`: the summary it prints and clean errors, with run_demo replaced by a stub."""

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from synthesis.cli import demo_commands
from synthesis.demo import CompanyFitLine, DemoError, DemoResult

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    demo_commands.register(app)
    app.callback()(lambda: None)
    return app


def _result(out: Path) -> DemoResult:
    return DemoResult(
        workspace=out / "demo.groundwork",
        report=out / "report.docx",
        interviews=8,
        companies=8,
        insights=414,
        llm_reason="SmolLM2.gguf: capability probe did not pass (score 0.08); extraction uses rules only",
        llm_led=False,
        icp_name="Mid-market B2B software",
        icp_criteria=("employees 100-1,000", "tech stack: Salesforce or HubSpot", "geography: Europe"),
        fits=(
            CompanyFitLine("Quillfield Software", "customer", 100, True),
            CompanyFitLine("Fernhollow Studio", "prospect", 50, False),
        ),
        personas=("RevOps lead", "Sales leader"),
        outside_icp=("Fernhollow Studio fits no ICP (12 employees is below 100-1,000)",),
        seconds=12.0,
    )


def test_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []

    def fake_run_demo(out: Path, *, progress) -> DemoResult:
        calls.append(out)
        progress(0.5, "Extracting")
        return _result(out)

    monkeypatch.setattr(demo_commands, "run_demo", fake_run_demo)
    result = runner.invoke(_app(), ["demo", "--out", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert calls == [tmp_path]
    for expected in [
        "capability probe did not pass",
        "too small to lead extraction",
        "8 interviews, 8 companies, 414 suggested insights",
        "ICP fits: 1 of 2 companies",
        "outside the ICP: Fernhollow Studio",
        "Personas (2): RevOps lead; Sales leader",
        "DRAFT",
        str(tmp_path / "report.docx"),
    ]:
        assert expected in result.output, expected


def test_demo_error_is_a_clean_exit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(_out: Path, *, progress) -> DemoResult:
        raise DemoError("sample transcripts could not be imported")

    monkeypatch.setattr(demo_commands, "run_demo", failing)
    result = runner.invoke(_app(), ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "could not be imported" in result.output


def test_out_is_required() -> None:
    assert runner.invoke(_app(), ["demo"]).exit_code == 2
