"""Bad models: a truncated or foreign model file, a context smaller than one turn, a server that refuses or
never answers. Each gives a clear error, no run is left 'running' and no insight is stored."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from models.database import create_workspace, open_workspace
from models.tables import ExtractionRun, Insight, RunStatus
from synthesis.cli.main import app
from synthesis.extraction.llm_choice import LlmUse, choose_extractor
from synthesis.extraction.pipeline import Extractor
from synthesis.extraction.run import run_extraction
from synthesis.importer import import_file
from synthesis.llm.base import LlmError, LlmTimeout, ModelLoadError
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.http_backend import HttpBackend
from synthesis.llm.llama_backend import LlamaBackend
from synthesis.llm.probe_cache import ProbeCache
from tests.integration.llama_server import free_port

pytestmark = [pytest.mark.integration, pytest.mark.allow_hosts(["127.0.0.1"])]

LONG_TURN = " ".join(f"Our forecast number {n} is wrong because the spreadsheet breaks." for n in range(60))
TRANSCRIPT = f"Interviewer: Tell me everything?\n\nSam: {LONG_TURN}\n"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "client.groundwork"
    source = tmp_path / "sam.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    engine = create_workspace(path)
    assert import_file(engine, source).interview_id is not None
    engine.dispose()
    return path


def stored(path: Path) -> tuple[list[RunStatus], int]:
    engine = open_workspace(path)
    with Session(engine) as session:
        statuses = [run.status for run in session.exec(select(ExtractionRun))]
        insights = len(session.exec(select(Insight)).all())
    engine.dispose()
    return statuses, insights


def bad_model_files(folder: Path) -> dict[str, Path]:
    model = bundled_model_path().read_bytes()
    files = {
        "truncated-header.gguf": model[:100],
        "truncated-tensors.gguf": model[: len(model) // 2],
        "text.gguf": b"This is not a model, just text.\n" * 100,
        "zip-renamed.gguf": b"PK\x03\x04" + bytes(4096),
        "empty.gguf": b"",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def test_broken_model_files_give_a_clear_error_and_store_nothing(workspace: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for name, path in bad_model_files(tmp_path).items():
        with pytest.raises(ModelLoadError, match=path.name):
            LlamaBackend(path, n_ctx=512)
        result = runner.invoke(app, ["extract", str(workspace), "--model", str(path), "--force-model"])
        assert result.exit_code == 2, (name, result.output)
        assert "Error:" in result.output and name in result.output and "Traceback" not in result.output
    assert stored(workspace) == ([], 0)


def test_a_context_smaller_than_one_turn_fails_the_run_cleanly(workspace: Path, tmp_path: Path) -> None:
    choice = choose_extractor(use=LlmUse.FORCE, n_ctx=256, cache=ProbeCache(tmp_path / "probes.json"))
    engine = open_workspace(workspace)
    with pytest.raises(LlmError, match="context window"):
        run_extraction(engine, choice.extractor)
    engine.dispose()
    assert stored(workspace) == ([RunStatus.FAILED], 0)
    result = CliRunner().invoke(app, ["extract", str(workspace), "--force-model", "--ctx", "256"])
    assert result.exit_code == 2 and "context window" in result.output and "--ctx" in result.output
    assert "Traceback" not in result.output
    assert stored(workspace) == ([RunStatus.FAILED], 0)


def test_a_refusing_server_gives_a_clear_error_and_stores_nothing(workspace: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    runner = CliRunner()
    probing = runner.invoke(app, ["extract", str(workspace), "--server", url])
    assert probing.exit_code == 2 and "cannot reach the model server" in probing.output
    assert stored(workspace) == ([], 0)
    forced = runner.invoke(app, ["extract", str(workspace), "--server", url, "--force-model"])
    assert forced.exit_code == 2 and "cannot reach the model server" in forced.output
    assert stored(workspace) == ([RunStatus.FAILED], 0)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_silent_server_times_out_and_stores_nothing(workspace: Path, silent_server: str) -> None:
    engine = open_workspace(workspace)
    extractor = Extractor(HttpBackend(silent_server, "m", read_timeout=0.5), llm_led=True)
    started = time.perf_counter()
    with pytest.raises(LlmTimeout, match="did not answer in time"):
        run_extraction(engine, extractor)
    assert time.perf_counter() - started < 5
    engine.dispose()
    assert stored(workspace) == ([RunStatus.FAILED], 0)


def test_waiting_for_a_silent_server_can_be_cancelled(workspace: Path, silent_server: str) -> None:
    engine = open_workspace(workspace)
    extractor = Extractor(HttpBackend(silent_server, "m", read_timeout=60), llm_led=True)
    started = time.perf_counter()
    summary = run_extraction(engine, extractor, cancel=lambda: time.perf_counter() - started > 0.5)
    elapsed = time.perf_counter() - started
    engine.dispose()
    assert summary.status == RunStatus.CANCELLED
    assert elapsed < 3, f"cancelling took {elapsed:.1f} s"
    assert stored(workspace) == ([RunStatus.CANCELLED], 0)
