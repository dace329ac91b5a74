"""`groundwork export --anonymise --review-terms FILE`: write the candidates, then export with decisions."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from synthesis.cli.main import app
from tests.anonymise_sample import build_leaky_workspace

runner = CliRunner()


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-review")
    build_leaky_workspace(folder).dispose()
    return folder / "leaky.groundwork"


def _report_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_first_run_writes_the_review_and_exports_nothing(workspace: Path, tmp_path: Path) -> None:
    review = tmp_path / "terms.csv"
    result = invoke(
        "export", workspace, "--out", tmp_path / "r.docx", "--anonymise", "--review-terms", review
    )
    assert result.exit_code == 0, result.output
    assert "candidate terms" in result.output and str(review) in result.output
    assert not (tmp_path / "r.docx").exists()
    with review.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["decision", "term", "kind", "count", "example"]
    terms = {row["term"]: row for row in rows}
    assert terms["Dr. Okonkwo"]["decision"] == "redact" and terms["Dr. Okonkwo"]["kind"] == "person"
    assert (
        int(terms["Tundra Freight"]["count"]) > 0 and "Tundra Freight" in terms["Tundra Freight"]["example"]
    )


def test_second_run_applies_keep_and_added_terms(workspace: Path, tmp_path: Path) -> None:
    review = tmp_path / "terms.csv"
    out = tmp_path / "r.docx"
    assert invoke("export", workspace, "--out", out, "--anonymise", "--review-terms", review).exit_code == 0
    with review.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["term"] == "Dublin":
            row["decision"] = "keep"
    rows.append({"decision": "redact", "term": "procurement", "kind": "name", "count": "", "example": ""})
    with review.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = invoke("export", workspace, "--out", out, "--anonymise", "--review-terms", review)
    assert result.exit_code == 0, result.output
    text = _report_text(out)
    assert "Dublin" in text and "procurement" not in text
    assert "Okonkwo" not in text and "Tundra" not in text
    assert "may identify them" in result.output, "one-respondent personas are reported"
    csv_dir = tmp_path / "csv"
    result = invoke("export-csv", workspace, "--out-dir", csv_dir, "--anonymise", "--review-terms", review)
    assert result.exit_code == 0, result.output
    insights = (csv_dir / "insights.csv").read_text(encoding="utf-8-sig")
    assert "Dublin" in insights and "Okonkwo" not in insights


def test_bad_review_files_get_a_clear_message(workspace: Path, tmp_path: Path) -> None:
    review = tmp_path / "terms.csv"
    review.write_text("decision,term,kind\nmaybe,Okafor,person\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    result = invoke("export", workspace, "--out", out, "--anonymise", "--review-terms", review)
    assert result.exit_code == 2
    assert "line 2" in result.output and "'maybe'" in result.output and "Traceback" not in result.output
    result = invoke("export", workspace, "--out", out, "--review-terms", review)
    assert result.exit_code == 2 and "--review-terms needs --anonymise" in result.output
