"""An anonymised export of a workspace full of names leaks none of them, in any part of the .docx or the CSVs.

The workspace (tests/anonymise_sample.py) holds names of more than ten cultures, e-mails, a URL, a handle,
titles with surnames, two-letter names, a name split by a line break, places, a company whose industry field
carries its name, names in file names and interview titles, and persona summaries edited to name people.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from synthesis.report.csv_export import export_csv
from synthesis.report.export import export_report
from synthesis.report.leak_scan import find_leaks
from synthesis.report.options import ReportOptions
from synthesis.report.redaction import Decisions, review_candidates
from synthesis.report.terms import Term
from tests.anonymise_sample import SECRETS, SHORT_SECRETS, build_leaky_workspace

_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return build_leaky_workspace(tmp_path_factory.mktemp("leaky"))


def _parts(docx_path: Path, csv_dir: Path) -> list[tuple[str, str]]:
    """(name, text) of every zip member (its file name too) and every CSV."""
    parts = []
    with zipfile.ZipFile(docx_path) as archive:
        for item in archive.infolist():
            parts.append((f"name of {item.filename}", item.filename))
            parts.append((item.filename, archive.read(item).decode("utf-8", errors="replace")))
    for csv_file in sorted(csv_dir.glob("*.csv")):
        parts.append((csv_file.name, csv_file.read_text(encoding="utf-8-sig")))
    return parts


def _export(engine: Engine, folder: Path, decisions: Decisions | None = None) -> list[tuple[str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    options = ReportOptions(
        anonymise=True, redaction=decisions or Decisions(), title="Findings for Tallyline"
    )
    export_report(engine, folder / "report.docx", options)
    export_csv(engine, folder / "csv", anonymise=True, redaction=decisions)
    return _parts(folder / "report.docx", folder / "csv")


def _leaks(parts: list[tuple[str, str]]) -> list[str]:
    found = []
    for name, text in parts:
        for secret in SECRETS:
            for match in re.finditer(rf"(?<!\w)(?i:{re.escape(secret)})(?!\w)", text):
                found.append(f"{name}: {secret!r} in …{text[max(0, match.start() - 40) : match.end() + 20]}…")
        plain = _TAG.sub(" ", text)
        for secret in SHORT_SECRETS:
            for match in re.finditer(rf"(?<!\w){secret}(?!\w)", plain):
                found.append(
                    f"{name}: {secret!r} in …{plain[max(0, match.start() - 40) : match.end() + 20]}…"
                )
    return found


def test_anonymised_report_and_csvs_leak_no_name(leaky: Engine, tmp_path: Path) -> None:
    parts = _export(leaky, tmp_path)
    assert _leaks(parts) == []
    text = "\n".join(t for _, t in parts)
    assert "Respondent 1" in text and "Respondent 2" in text and "Company A" in text
    assert "[Europe] runs procurement" in text and "Africa" in text, "places become regions"
    assert "51-200 employees" in text and "57 employees" not in text
    assert "Mar 2025" in text and "11 Mar 2025" not in text and "12 Mar 2025" not in text
    assert "may identify them" in text


def test_the_leak_scan_sees_every_part(leaky: Engine, tmp_path: Path) -> None:
    """The scanner finds what a non-anonymised export shows, including in file and part names."""
    export_report(leaky, tmp_path / "report.docx", ReportOptions())
    with Session(leaky) as session:
        terms = [c.term for c in review_candidates(session, "")]
    leaks = find_leaks([tmp_path / "report.docx"], terms)
    assert {"chidi okafor", "tundra freight", "lagos"} <= {leak.term for leak in leaks}
    assert find_leaks([tmp_path / "report.docx"], [Term("word/document.xml", "name")])


def test_kept_terms_stay_and_added_terms_go(leaky: Engine, tmp_path: Path) -> None:
    decisions = Decisions(keep=frozenset({"lagos"}), add=(Term("digital freight platform", "name"),))
    text = "\n".join(t for _, t in _export(leaky, tmp_path, decisions))
    assert "Lagos" in text
    assert "digital freight platform" not in text


def test_respondent_numbers_match_across_report_csv_and_evidence_index(leaky: Engine, tmp_path: Path) -> None:
    import docx

    _export(leaky, tmp_path)
    document = docx.Document(str(tmp_path / "report.docx"))
    evidence = document.tables[-1]
    cited = {row.cells[2].text.split("\n")[-1] for row in evidence.rows[1:]}
    assert cited <= {"Respondent 1", "Respondent 2"} and cited
    csv_text = (tmp_path / "csv" / "insights.csv").read_text(encoding="utf-8-sig")
    for respondent in cited:
        assert respondent in csv_text
