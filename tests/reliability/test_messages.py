"""Finding 5: no silent or wrong messages.

Mixed UTF-8/Windows-1252 files decoded line by line (never as mac_latin2), UTF-16/32 without a BOM read
and named, AES-encrypted PDFs read unless they need a password, user text escaped in every CLI table
(``[/]`` in titles and names, ANSI escapes in transcripts), folder imports that stay in the folder, and a
full disk at export named as such.
"""

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.database import create_workspace
from synthesis.cli.main import app
from synthesis.importer import Outcome, import_file, import_paths
from synthesis.ingest import TranscriptError, parse_bytes
from synthesis.report import files
from synthesis.report.export import export_report
from synthesis.report.options import ReportError, ReportOptions
from tests.reliability.hostile_files import MIXED_LINES, encrypted, mixed_encoding_bytes, text_pdf


def invoke(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def _mixed_interview() -> bytes:
    """28 turns, names with accents in UTF-8, some respondent lines pasted in from a Windows-1252 file."""
    lines = []
    for n in range(14):
        lines.append(f"Interviewer: Question {n}, José Müller?\n".encode())
        answer = f"José Müller: Answer {n}: the café’s CRM data is out of date.\n"
        lines.append(answer.encode("cp1252" if n % 3 == 0 else "utf-8"))
    return b"".join(lines)


def test_mixed_utf8_and_cp1252_lines_are_decoded_per_line_with_a_warning() -> None:
    parsed = parse_bytes(_mixed_interview(), "mixed.txt")
    assert parsed.encoding == "utf-8+cp1252"
    assert len(parsed.turns) == 28
    assert {t.speaker for t in parsed.turns} == {"Interviewer", "José Müller"}
    assert "Jos√" not in parsed.text and "the café’s CRM data" in parsed.turns[1].text
    assert any("mixes encodings" in w and "Windows-1252" in w for w in parsed.warnings)
    small = parse_bytes(mixed_encoding_bytes(), "small.txt")
    assert small.text.splitlines() == [text for text, _ in MIXED_LINES]


def test_mixed_lines_that_are_not_cp1252_either_are_refused() -> None:
    data = "José: UTF-8 line here.\n".encode() + "Ірина: рядок у кодуванні koi8.\n".encode("koi8-u")
    with pytest.raises(TranscriptError, match="the file mixes encodings: line 2"):
        parse_bytes(data, "broken.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_read_and_named(encoding: str) -> None:
    text = "Interviewer: Which tools?\nJosé: We use HubSpot and a spreadsheet nobody trusts.\n"
    parsed = parse_bytes(text.encode(encoding), "wide.txt")
    assert parsed.text == text and parsed.encoding == encoding
    assert f"read as {encoding.upper()}" in parsed.warnings[0]


LINES = ["Interviewer: What slows you down?", "Sam: Our CRM data is always out of date."]


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_owner_password_only_pdfs_are_read(algorithm: str) -> None:
    pdf = encrypted(text_pdf(LINES), user_password="", owner_password="owner", algorithm=algorithm)
    assert parse_bytes(pdf, "locked.pdf").turns[1].text == "Our CRM data is always out of date."


def test_a_pdf_that_needs_a_password_to_open_is_reported_as_password_protected() -> None:
    pdf = encrypted(text_pdf(LINES), user_password="secret", owner_password="owner")
    with pytest.raises(TranscriptError, match="the PDF is password-protected"):
        parse_bytes(pdf, "secret.pdf")


@pytest.fixture
def hostile_ws(tmp_path: Path) -> Path:
    """A workspace whose interview title, company and transcript carry markup and terminal escapes."""
    ws = tmp_path / "ws.groundwork"
    create_workspace(ws).dispose()
    source = tmp_path / "Acme [bold] call [red.txt"
    source.write_text(
        "---\ntitle: Q3 [/] review [red]\ncompany: Acme [/bold] Corp\n---\n\n"
        "Interviewer: What breaks?\n\nSam: The \x1b[2J\x1b[31mforecast\x1b[0m breaks every week. "
        + "We rebuild the pipeline report by hand every Monday morning. " * 10
        + "\n",
        encoding="utf-8",
    )
    assert invoke("import", ws, source).exit_code == 0
    return ws


def test_markup_in_user_text_never_crashes_the_cli(hostile_ws: Path) -> None:
    listing = invoke("interviews", hostile_ws)
    assert listing.exit_code == 0, listing.output
    assert "Q3 [/] review [red]" in listing.output
    saved = invoke("company", "set", hostile_ws, "Acme [/bold] Corp", "--industry", "B2B [/] software")
    assert saved.exit_code == 0, saved.output
    assert "Acme [/bold] Corp saved" in saved.output
    companies = invoke("companies", hostile_ws)
    assert companies.exit_code == 0 and "B2B [/] software" in companies.output
    added = invoke("icp", "add", hostile_ws, "--name", "Mid [/] market", *_criteria())
    assert added.exit_code == 0, added.output
    fit = invoke("icp", "fit", hostile_ws)
    assert fit.exit_code == 0, fit.output
    assert "Acme [/bold] Corp" in fit.output and "Mid [/] market" in fit.output


def _criteria() -> list[str]:
    kinds = ["industry:software", "employees:10-1000", "geography:US"]
    return [part for kind in kinds for part in ("--criterion", kind)]


def test_terminal_escapes_in_a_transcript_do_not_reach_the_terminal(hostile_ws: Path) -> None:
    found = invoke("search", hostile_ws, "breaks")
    assert found.exit_code == 0, found.output
    assert "\x1b" not in found.output
    assert "\\x1b[31m" in found.output and "2 matches" in found.output


def test_a_folder_import_stays_inside_the_folder_unless_asked(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "folder", tmp_path / "private"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "inside.txt").write_text("Interviewer: Hi?\n\nSam: We track churn by hand.\n")
    secret = elsewhere / "secret.txt"
    secret.write_text("Interviewer: Hi?\n\nAlex: This is someone else's private file.\n")
    (folder / "link.txt").symlink_to(secret)
    engine = create_workspace(tmp_path / "ws.groundwork")
    results = {r.path.name: r for r in import_paths(engine, [folder])}
    assert results["inside.txt"].outcome == Outcome.IMPORTED
    assert results["link.txt"].outcome == Outcome.FAILED
    assert "outside the folder" in results["link.txt"].message
    assert "--follow-links" in results["link.txt"].message
    followed = {r.path.name: r for r in import_paths(engine, [folder], follow_links=True)}
    assert followed["link.txt"].outcome == Outcome.IMPORTED
    engine.dispose()
    assert invoke("init", tmp_path / "cli.groundwork").exit_code == 0
    cli = invoke("import", tmp_path / "cli.groundwork", folder)
    assert cli.exit_code == 1 and "1 imported" in cli.output and "outside the folder" in cli.output
    followed_cli = invoke("import", tmp_path / "cli.groundwork", folder, "--follow-links")
    assert followed_cli.exit_code == 0 and "1 imported, 1 skipped as duplicates" in followed_cli.output


def test_a_full_disk_at_export_open_says_the_disk_is_full(tmp_path: Path, monkeypatch) -> None:
    engine = create_workspace(tmp_path / "ws.groundwork")
    source = tmp_path / "a.txt"
    source.write_text("Interviewer: Hi?\n\nSam: We track churn by hand every week.\n")
    import_file(engine, source)

    def no_space(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    with pytest.raises(ReportError, match=r"cannot write in .*: the disk is full"):
        export_report(engine, tmp_path / "report.docx", ReportOptions())
    monkeypatch.undo()
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=4096))
    with pytest.raises(ReportError, match=r"the disk is full.*\(4 KB free"):
        export_report(engine, tmp_path / "report.docx", ReportOptions())
    assert not list(tmp_path.glob("*.docx*")) and files.MIN_FREE_BYTES > 4096
    engine.dispose()
