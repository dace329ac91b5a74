"""The `groundwork` command line: workspace commands, exit codes, and no tracebacks for user errors."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

import synthesis
from synthesis.cli.main import app

runner = CliRunner()
SAMPLES = Path(synthesis.__file__).parent / "samples" / "transcripts"


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def test_version_and_help() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.startswith("groundwork ")
    for command in ["init", "import", "interviews", "search", "extract", "extract-file", "models", "probe"]:
        help_result = invoke(command, "--help")
        assert help_result.exit_code == 0, command
        assert "Usage" in help_result.output


def test_init_import_list_search(tmp_path: Path) -> None:
    ws = tmp_path / "acme.groundwork"
    assert invoke("init", ws).exit_code == 0
    imported = invoke("import", ws, SAMPLES)
    assert imported.exit_code == 0, imported.output
    assert "8 imported, 0 skipped as duplicates, 0 failed" in imported.output
    listing = invoke("interviews", ws)
    assert "Marcus Bell" in listing.output and "8 interviews" in listing.output
    found = invoke("search", ws, "behaving for once")
    assert "03-corvane" in found.output and "Marcus Bell" in found.output and "1 matches" in found.output
    again = invoke("import", ws, SAMPLES / "03-corvane.vtt")
    assert again.exit_code == 0 and "duplicate" in again.output


def test_import_reports_each_bad_file_and_exits_1(tmp_path: Path) -> None:
    ws = tmp_path / "acme.groundwork"
    invoke("init", ws)
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    shutil.copy(SAMPLES / "02-harbourline.txt", folder)
    result = invoke("import", ws, folder)
    assert result.exit_code == 1
    assert "1 imported, 0 skipped as duplicates, 2 failed" in result.output
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert "Traceback" not in result.output


def test_user_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    missing = invoke("interviews", tmp_path / "missing.groundwork")
    assert missing.exit_code == 2 and "no such workspace" in missing.output
    not_ws = tmp_path / "notes.groundwork"
    not_ws.write_text("hello")
    assert "not a Groundwork workspace" in invoke("search", not_ws, "x").output
    ws = tmp_path / "a.groundwork"
    invoke("init", ws)
    assert "already exists" in invoke("init", ws).output
    assert invoke("extract-file", tmp_path / "nope.txt", "--no-model").exit_code == 1


def test_extract_file_offsets_point_into_the_decoded_file() -> None:
    source = SAMPLES / "03-corvane.vtt"
    result = invoke("extract-file", source, "--format", "jsonl", "--no-model")
    assert result.exit_code == 0, result.output
    text = source.read_bytes().decode("utf-8-sig")
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(records) > 10
    for record in records:
        assert text[record["start"] : record["end"]] == record["quote"]
        assert {"kind", "statement", "quote", "start", "end"} <= record.keys()
        assert record["speaker"] == "Marcus Bell"
