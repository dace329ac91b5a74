"""Kill -9 during extraction (3 random points): the workspace stays intact and the resumed run is complete;
kill -9 while a report is saved (3 points): the old report or a whole new one is left."""

from pathlib import Path

import pytest

from tests.reliability.crash import build_workspace, random_delays, reference_run, run_trial
from tests.reliability.export_crash import SAVE_SECONDS, build_export_workspace, run_export_trial

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("crash")
    base = build_workspace(folder / "base.groundwork")
    reference, seconds = reference_run(base, folder)
    assert reference, "the uninterrupted run found no insights to compare"
    return base, reference, seconds


@pytest.mark.parametrize("trial", range(3))
def test_killed_extraction_leaves_a_consistent_workspace_that_resumes(
    prepared, tmp_path: Path, trial
) -> None:
    base, reference, seconds = prepared
    delay = random_delays(3, seconds, seed=7)[trial]
    result = run_trial(base, tmp_path, delay, reference)
    assert result.problems == []
    assert result.resumed_equal


@pytest.fixture(scope="module")
def export_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_export_workspace(tmp_path_factory.mktemp("export") / "sample.groundwork")


@pytest.mark.parametrize("trial", range(3))
def test_an_export_killed_while_saving_leaves_the_old_file_or_a_whole_new_one(
    export_workspace: Path, tmp_path: Path, trial: int
) -> None:
    delay = random_delays(3, SAVE_SECONDS, seed=5)[trial]
    result = run_export_trial(export_workspace, tmp_path, delay, while_saving=True)
    assert result.outcome in ("previous", "complete")
