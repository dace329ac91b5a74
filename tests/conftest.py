"""Test-wide set-up: headless Qt before anything loads it, and shared fixtures."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def eval_dir() -> Path:
    if not EVAL_DIR.is_dir():
        raise RuntimeError(f"evaluation data not found at {EVAL_DIR}")
    return EVAL_DIR


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "client.groundwork"


@pytest.fixture(scope="module")
def report_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace of `tests.report_sample`, built once per test module."""
    from tests.report_sample import build_sample_workspace

    path = tmp_path_factory.mktemp("sample") / "sample.groundwork"
    build_sample_workspace(path).dispose()
    return path
