"""`groundwork models pull` and install_model end to end against a local server serving the bundled GGUF:
licence first, download, verify, probe with the real model, pin the sha256 of an unverified entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from synthesis.cli.main import app
from synthesis.llm.catalogue import Catalogue, load_catalogue
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.gguf_info import file_sha256
from synthesis.llm.install import LicenceNotAccepted, install_model
from synthesis.llm.model_store import ModelStore
from synthesis.llm.probe import ProbeResult
from tests.integration.file_server import Behaviour, serve

pytestmark = [pytest.mark.integration, pytest.mark.allow_hosts(["127.0.0.1"])]


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def local_catalogue(url: str, sha256: str | None) -> Catalogue:
    """The real catalogue with its first entry pointing at the local server."""
    catalogue = load_catalogue()
    entry = catalogue.entries[0].model_copy(update={"url": f"{url}/model.gguf", "sha256": sha256})
    return catalogue.model_copy(update={"entries": (entry, *catalogue.entries[1:])})


def passing_probe(path: Path, _cancel) -> ProbeResult:
    return ProbeResult(0.9, 0.9, 1.0, True, [], file_sha256(path), "p", 1.0)


def test_nothing_is_downloaded_before_the_licence_is_accepted(tmp_path: Path) -> None:
    behaviour = Behaviour(bundled_model_path())
    with serve(behaviour) as url:
        catalogue = local_catalogue(url, None)
        with pytest.raises(LicenceNotAccepted, match="Qwen Research License"):
            install_model(catalogue.entries[0], catalogue, ModelStore(), probe=passing_probe)
    assert behaviour.requests == []


def test_an_unverified_entry_is_pinned_after_its_probe_passes_and_checked_next_time(tmp_path: Path) -> None:
    source = bundled_model_path()
    store = ModelStore()
    with serve(Behaviour(source)) as url:
        catalogue = local_catalogue(url, None)
        entry = catalogue.entries[0]
        store.accept_licence(entry.licence)
        first = install_model(entry, catalogue, store, probe=passing_probe)
        assert first.pinned and not first.verified
        assert store.pinned(entry.name) == file_sha256(source)
        assert first.path == store.models_dir() / entry.file_name
        first.path.unlink()
        second = install_model(entry, catalogue, store, probe=passing_probe)
    assert second.verified and not second.pinned


def test_models_pull_downloads_probes_with_the_real_model_and_reports(tmp_path: Path, monkeypatch) -> None:
    source = bundled_model_path()
    with serve(Behaviour(source)) as url:
        monkeypatch.setattr("synthesis.cli.model_commands.load_catalogue", lambda: local_catalogue(url, None))
        result = CliRunner().invoke(
            app, ["models", "pull", "qwen2.5-3b-q4"], input="n\n", env={"COLUMNS": "200"}
        )
        assert result.exit_code == 2
        assert "Qwen Research License" in result.output and "nothing was downloaded" in result.output

        result = CliRunner().invoke(
            app, ["models", "pull", "qwen2.5-3b-q4"], input="y\n", env={"COLUMNS": "200"}
        )
    assert result.exit_code == 0, result.output
    folder = ModelStore().models_dir()
    assert (folder / "Qwen2.5-3B-Instruct-Q4_K_M.gguf").is_file()
    assert "sha256 computed (none known to check against)" in result.output
    assert "did not pass" in result.output  # the bundled SmolLM2 stands in for Qwen and fails the probe
    assert ModelStore().pinned("qwen2.5-3b-q4") is None  # a model that failed its probe is not pinned

    listing = CliRunner().invoke(app, ["models"], env={"COLUMNS": "250"})
    assert listing.exit_code == 0
    assert "groundwork" in listing.output and "Qwen2.5-3B-Instruct-Q4_K_M.gguf" in listing.output


def test_models_folder_is_shared_with_discovery(tmp_path: Path) -> None:
    chosen = tmp_path / "my models"
    result = CliRunner().invoke(app, ["models", "folder", str(chosen)], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and str(chosen) in result.output
    assert ModelStore().models_dir() == chosen
