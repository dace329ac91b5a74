"""The Word report and CSV export of the sample workspace, read back with python-docx."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
import typer
from docx.document import Document
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from models.database import open_workspace
from models.tables import Company, EvidenceSpan, Insight, InsightStatus, Interview, Turn
from synthesis.cli import report_commands
from synthesis.report import files
from synthesis.report.content import gather_content
from synthesis.report.csv_export import export_csv
from synthesis.report.export import export_report
from synthesis.report.options import ReportError, ReportOptions
from synthesis.report.quote_text import elide_fillers
from tests.report_sample import copy_workspace

THIRD_PARTIES = [
    "Lisa Brandt",
    "Ben Alvarez",
    "Elaine Cho",
    "Pieter",
    "Maarten",
    "Joost",
    "Amira",
    "Rachel",
    "Leah",
]
OPTIONS = ReportOptions(title="Customer discovery", prepared_by="Northpoint GTM", date=dt.date(2025, 4, 2))


@pytest.fixture
def engine(report_sample: Path, tmp_path: Path) -> Engine:
    return open_workspace(copy_workspace(report_sample, tmp_path))


def _export(engine: Engine, path: Path, options: ReportOptions = OPTIONS) -> Document:
    summary = export_report(engine, path, options)
    assert summary.path == path and not summary.cancelled
    return docx.Document(str(path))


def _headings(document: Document) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.split()[-1]), p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def _all_text(path: Path) -> str:
    """Every word of the package's document, headers and footers, without markup."""
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
        xml = " ".join(package.read(n).decode("utf-8") for n in parts)
    return re.sub(r"<[^>]+>", "", xml)


def _names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        people = [i.interviewee_name for i in session.exec(select(Interview))]
        companies = [c.name for c in session.exec(select(Company))]
    return [n for n in [*people, *companies, "Nadia Okoro", "Tom Lindqvist", *THIRD_PARTIES] if n]


def test_structure_has_every_section_in_order(engine: Engine, tmp_path: Path) -> None:
    document = _export(engine, tmp_path / "report.docx")
    headings = _headings(document)
    top = [text for level, text in headings if level == 1]
    assert top == [
        "Executive summary",
        "Ideal customer profiles",
        "Buyer personas",
        "Persona matrix",
        "Appendix A. Interviews",
        "Appendix B. Method and use of AI",
        "Appendix C. Evidence index",
    ]
    with Session(engine) as session:
        content = gather_content(session, OPTIONS)
    second = [text for level, text in headings if level == 2]
    assert second == [icp.name for icp in content.icps] + [p.name for p in content.personas]
    assert len(document.tables) >= 6
    assert document.tables[0].rows[0].cells[0].text == "Attribute"
    body = document.element.xml
    assert "PAGEREF _Toc00001" in body and 'w:name="_Toc00001"' in body  # contents with page numbers
    assert "updateFields" in document.settings.element.xml
    section = document.sections[0]
    assert "PAGE" in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
    assert "Customer discovery" in section.header.paragraphs[0].text
    assert "DRAFT" not in _all_text(tmp_path / "report.docx")


def test_every_persona_starts_on_a_new_page_and_no_section_is_empty(engine: Engine, tmp_path: Path) -> None:
    document = _export(engine, tmp_path / "report.docx")
    paragraphs = [p for p in document.paragraphs if p.style is not None]
    persona_headings = [p for p in paragraphs if p.style.name == "Heading 2"][1:]
    assert all(p.paragraph_format.page_break_before for p in persona_headings[1:])
    body = list(document.element.body)
    for index, element in enumerate(body):
        style = element.xpath("string(./w:pPr/w:pStyle/@w:val)")
        if not style.startswith("Heading"):
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        assert following is not None, "a heading ends the document"
        next_style = following.xpath("string(./w:pPr/w:pStyle/@w:val)")
        if next_style.startswith("Heading"):
            assert int(next_style[-1]) > int(style[-1]), "a heading is followed by one of its own level"


def test_every_quote_is_verbatim_in_its_transcript(engine: Engine, tmp_path: Path) -> None:
    document = _export(engine, tmp_path / "report.docx")
    with Session(engine) as session:
        turns = list(session.exec(select(Turn.text)))
    quotes = [
        p.text.strip("“”") for p in document.paragraphs if p.style is not None and p.style.name == "Quote"
    ]
    index = document.tables[-1]
    assert index.rows[0].cells[1].text == "Quote"
    evidence = [row.cells[1].text.strip("“”") for row in index.rows[1:]]
    assert len(quotes) >= 30
    assert set(quotes) <= {elide_fillers(e) for e in evidence}  # the index keeps what "…" stands for
    for quote in evidence:
        assert any(quote in turn for turn in turns), quote
    assert all(re.search(r"[.!?…][”’\")]*$", q) for q in quotes if len(q.split()) < 40)  # whole sentences


def test_only_reviewed_insights_unless_drafts_are_asked_for(engine: Engine) -> None:
    with Session(engine) as session:
        reviewed = gather_content(session, OPTIONS)
        draft = gather_content(session, ReportOptions(include_suggested=True))
        statuses: dict[str, set[InsightStatus]] = {}
        for span, insight in session.exec(
            select(EvidenceSpan, Insight).join(Insight, col(Insight.id) == EvidenceSpan.insight_id)
        ):
            statuses.setdefault(span.quote, set()).add(insight.status)
    reviewed_statuses = {InsightStatus.ACCEPTED, InsightStatus.EDITED}

    def of(text: str) -> set[InsightStatus]:
        """Statuses of the spans a shown quote holds (a quote is widened to whole sentences)."""
        return set().union(*(found for span, found in statuses.items() if span in text))

    assert all(of(q.text) & reviewed_statuses for q in reviewed.evidence)
    assert any(of(q.text) == {InsightStatus.SUGGESTED} for q in draft.evidence)
    assert not reviewed.draft and draft.draft


def test_a_quote_that_no_longer_matches_is_left_out_and_counted(engine: Engine) -> None:
    with Session(engine) as session:
        first = gather_content(session, OPTIONS).evidence[0]
        span = session.exec(select(EvidenceSpan).where(EvidenceSpan.quote == first.text)).first()
        assert span is not None
        span.quote = first.text + " (words the respondent never said)"
        session.add(span)
        session.commit()
        content = gather_content(session, OPTIONS)
    assert content.quotes_dropped == 1
    assert all("never said" not in q.text for q in content.evidence)


def test_draft_marks_every_page_and_the_title_page(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    document = _export(engine, path, ReportOptions(include_suggested=True))
    section = document.sections[0]
    for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
        assert "DRAFT" in " ".join(p.text for p in part.paragraphs)
    assert section.different_first_page_header_footer
    first_page = [p.text for p in document.paragraphs[:20]]
    assert "DRAFT" in first_page


def test_anonymised_report_names_nobody(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "anonymous.docx"
    _export(engine, path, ReportOptions(anonymise=True, client="Tallyline"))
    text = _all_text(path)
    for name in _names(engine):
        for part in [name, *name.split()]:
            if len(part) > 3 and part.lower() not in {
                "software",
                "security",
                "studio",
                "analytics",
                "bank",
                "mutual",
            }:
                assert not re.search(rf"\b{re.escape(part)}\b", text, re.IGNORECASE), part
    assert "Respondent 1" in text or "[Respondent" in text or "Company A" in text
    assert re.search(r"\[Name \d+\]", text)
    assert "Tallyline" in text


def test_firm_template_keeps_its_header_and_gains_missing_styles(engine: Engine, tmp_path: Path) -> None:
    firm = docx.Document()
    firm.sections[0].header.paragraphs[0].text = "ACME Consulting: confidential"
    firm.add_paragraph("Sample body text that must not survive.")
    firm.styles["Quote"].element.getparent().remove(firm.styles["Quote"].element)
    template = tmp_path / "firm.dotx"
    firm.save(str(tmp_path / "firm.docx"))
    with zipfile.ZipFile(tmp_path / "firm.docx") as source, zipfile.ZipFile(template, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    document = _export(engine, tmp_path / "firm-report.docx", ReportOptions(template=template))
    assert "ACME Consulting: confidential" in document.sections[0].header.paragraphs[0].text
    texts = [p.text for p in document.paragraphs]
    assert "Sample body text that must not survive." not in texts
    assert any(p.style.name == "Quote" for p in document.paragraphs if p.style is not None)


def test_unreadable_template_is_a_clear_error_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    not_word = tmp_path / "template.docx"
    not_word.write_text("this is not a Word file")
    for template, message in (
        (not_word, "not a Word template"),
        (tmp_path / "missing.docx", "cannot be read"),
    ):
        with pytest.raises(ReportError, match=message):
            export_report(engine, tmp_path / "r.docx", ReportOptions(template=template))
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("copy.groundwork")) == [
        "template.docx"
    ]


def test_unwritable_target_is_a_clear_error_and_leaves_no_file(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        export_report(engine, tmp_path / "no-such-folder" / "r.docx", OPTIONS)
    with pytest.raises(ReportError, match="is a folder"):
        export_report(engine, tmp_path, OPTIONS)
    monkeypatch.setattr(files.os, "access", lambda *_args: False)
    with pytest.raises(ReportError, match="not writable"):
        export_report(engine, tmp_path / "r.docx", OPTIONS)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("copy.groundwork")] == []


def test_a_failed_save_keeps_the_old_report_and_no_partial_file(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"previous report")

    def disk_full(self: object, path: str) -> None:
        Path(path).write_bytes(b"half a docx")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Document, "save", disk_full)
    with pytest.raises(ReportError, match="the disk is full"):
        export_report(engine, target, OPTIONS)
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_cancel_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    summary = export_report(engine, tmp_path / "r.docx", OPTIONS, cancel=lambda: True)
    assert summary.cancelled and summary.path is None
    assert not (tmp_path / "r.docx").exists()


def test_choosing_personas_and_unknown_ids(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as session:
        everyone = gather_content(session, OPTIONS)
        one = gather_content(session, ReportOptions(persona_ids=(everyone.personas[1].id,), icp_ids=()))
    assert [p.id for p in one.personas] == [everyone.personas[1].id]
    with pytest.raises(ReportError, match="no persona with id 999"):
        export_report(engine, tmp_path / "r.docx", ReportOptions(persona_ids=(999,)))
    with pytest.raises(ReportError, match="no ICP with id 7"):
        export_report(engine, tmp_path / "r.docx", ReportOptions(icp_ids=(7,)))


def test_csv_export_lists_every_insight_and_theme(engine: Engine, tmp_path: Path) -> None:
    summary = export_csv(engine, tmp_path / "csv", anonymise=True)
    with summary.insights.open(encoding="utf-8-sig", newline="") as handle:
        insights = list(csv.DictReader(handle))
    with Session(engine) as session:
        assert len(insights) == len(session.exec(select(Insight.id)).all())
    assert {row["status"] for row in insights} == {"suggested", "accepted", "edited", "rejected"}
    with summary.personas.open(encoding="utf-8-sig", newline="") as handle:
        themes = list(csv.DictReader(handle))
    assert themes and all(re.fullmatch(r"\d+ of \d+", row["prevalence"]) for row in themes)
    text = summary.insights.read_text(encoding="utf-8-sig")
    for name in ("Priya", "Quillfield", "Ben Alvarez", "Nadia Okoro"):
        assert name not in text


def test_cli_export_and_export_csv(report_sample: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    report_commands.register(app)
    runner = CliRunner(env={"COLUMNS": "250"})  # a wide terminal; the console's own width stays untouched
    out = tmp_path / "report.docx"
    result = runner.invoke(
        app, ["export", str(report_sample), "--out", str(out), "--anonymise", "--include-suggested"]
    )
    assert result.exit_code == 0, result.output
    assert "(DRAFT)" in result.output and out.is_file()
    result = runner.invoke(app, ["export", str(report_sample), "--out", str(out), "--persona", "999"])
    assert result.exit_code == 2 and "no persona with id 999" in result.output
    result = runner.invoke(app, ["export-csv", str(report_sample), "--out-dir", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "csv" / "insights.csv").is_file() and (tmp_path / "csv" / "personas.csv").is_file()


def test_leftovers_of_a_killed_export_are_cleared_by_the_next(engine: Engine, tmp_path: Path) -> None:
    stale = tmp_path / ".report.k2j3h4.docx.part"
    stale.write_bytes(b"killed mid-write")
    unrelated = tmp_path / ".other.abc.docx.part"
    unrelated.write_bytes(b"not ours")
    export_report(engine, tmp_path / "report.docx", OPTIONS)
    assert not stale.exists() and unrelated.exists()
