"""`--model NAME`: a downloaded catalogue model is used by its catalogue name, resolved through the model
store (the bundled GGUF stands in for the downloaded file, in a temporary models folder; no network)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.database import create_workspace
from synthesis.cli.main import app
from synthesis.importer import import_file
from synthesis.llm.catalogue import CatalogueError, load_catalogue
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.install import model_file
from synthesis.llm.model_store import ModelStore

pytestmark = pytest.mark.integration

NAME, FILE = "qwen2.5-3b-q4", "Qwen2.5-3B-Instruct-Q4_K_M.gguf"


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A models folder holding the bundled model under the catalogue entry's file name."""
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    folder = tmp_path / "downloaded models"
    monkeypatch.setenv("GROUNDWORK_MODELS_DIR", str(folder))
    folder.mkdir()
    shutil.copyfile(bundled_model_path(), folder / FILE)
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "client.groundwork"
    source = tmp_path / "sam.txt"
    source.write_text(
        "Interviewer: What slows you down?\n\n"
        "Sam: Our forecast is always wrong because the spreadsheet breaks.\n",
        encoding="utf-8",
    )
    engine = create_workspace(path)
    assert import_file(engine, source).interview_id is not None
    engine.dispose()
    return path


def test_a_catalogue_name_resolves_to_the_downloaded_file(models_dir: Path, tmp_path: Path) -> None:
    store, catalogue = ModelStore(), load_catalogue()
    assert store.models_dir() == models_dir
    assert model_file(NAME, store, catalogue) == models_dir / FILE
    elsewhere = tmp_path / "mine.gguf"
    assert model_file(str(elsewhere), store, catalogue) == elsewhere  # a path stays a path
    with pytest.raises(CatalogueError, match=r"groundwork models pull phi3\.5-mini-q4"):
        model_file("phi3.5-mini-q4", store, catalogue)
    with pytest.raises(CatalogueError, match=r"neither a model file nor a catalogue model.*qwen2\.5-7b-q4"):
        model_file("qwen-huge", store, catalogue)


def test_extract_and_probe_use_a_downloaded_model_by_name(models_dir: Path, workspace: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(workspace), "--model", NAME], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert FILE in result.output and "insights stored from 1 interviews" in result.output

    result = runner.invoke(app, ["probe", "--model", NAME], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert FILE in result.output and "label accuracy" in result.output


def test_a_name_not_downloaded_or_unknown_says_what_to_do(models_dir: Path, workspace: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(workspace), "--model", "mistral-7b-q4"])
    assert result.exit_code == 2
    assert "not downloaded" in result.output and "groundwork models pull mistral-7b-q4" in result.output
    result = runner.invoke(app, ["extract", str(workspace), "--model", "gpt-5"])
    assert result.exit_code == 2 and "neither a model file nor a catalogue model" in result.output
    assert "Traceback" not in result.output


def test_models_measures_remembers_the_speed_and_recommends(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # only the bundled and the downloaded model are found
    runner = CliRunner()
    result = runner.invoke(app, ["models", "--measure"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "tokens/s (measured, " in result.output and "2 models found." in result.output
    assert "Recommended on this computer: " in result.output
    speeds = ModelStore().remembered_speeds([(models_dir / FILE, (models_dir / FILE).stat().st_size)])
    assert list(speeds) == [str(models_dir / FILE)] and speeds[str(models_dir / FILE)] > 0

    result = runner.invoke(app, ["models"], env={"COLUMNS": "300"})
    assert result.exit_code == 0 and "tokens/s (measured before)" in result.output
