"""Render each main screen of a sample workspace to build/screenshots/*.png.

Run: ``python tests/gui/screenshots.py`` (``SHOT_SIZES=1366x768`` renders one size only).

The workspace is built from the packaged samples as a consultant would: the transcripts imported through the
GUI, the CRM companies loaded from companies.json, rules-only extraction, the demo ICP, drafted personas. The
"synthesis running" screen drives the bundled model for real and is cancelled once its stage shows speed and
ETA. Screens are drawn offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.resources import as_file
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from desktop.llm_settings import LlmSettings, save_model_settings  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from desktop.tasks import TaskRunner  # noqa: E402
from models.tables import Company, WorkspaceSetting  # noqa: E402
from synthesis.demo import INTERVIEWERS, SAMPLES  # noqa: E402
from synthesis.extraction.llm_choice import LlmUse  # noqa: E402
from tests.gui.sample import synthesise_imported  # noqa: E402

OUT = ROOT / "build" / "screenshots"
DEFAULT_SIZES = "1366x768,1920x1080"
SIZES = [tuple(int(v) for v in s.split("x")) for s in os.environ.get("SHOT_SIZES", DEFAULT_SIZES).split(",")]
RUN_TIMEOUT_S = 180


def settle(app: QApplication, until: Callable[[], bool] = lambda: True, timeout_s: float = 10) -> None:
    """Process events (at least a few rounds) until ``until()`` holds."""
    deadline = time.monotonic() + timeout_s
    for _ in range(5):
        app.processEvents()
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get ready in time")
        app.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, name: str, size: tuple[int, int], app: QApplication) -> Path:
    settle(app)
    path = OUT / f"{name}-{size[0]}x{size[1]}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def prepare(window: MainWindow, app: QApplication, size: tuple[int, int]) -> list[Path]:
    """Import the samples through the window, then add companies, insights, an ICP and personas."""
    engine = window.workspace.engine
    with Session(engine) as session:
        session.add(WorkspaceSetting(key="interviewers", value=list(INTERVIEWERS)))
        session.commit()
    with as_file(SAMPLES / "transcripts") as folder:
        window.import_paths([Path(folder)])
    shots = [save(window.import_dialog, "02-import-results", size, app)]
    window.import_dialog.close()
    synthesise_imported(engine)
    window.workspace.contents_changed.emit()
    return shots


def render(app: QApplication, folder: Path, size: tuple[int, int]) -> list[Path]:
    settings = QSettings(str(folder / f"settings-{size[0]}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, TaskRunner(synchronous=True))
    window.resize(*size)
    window.show()
    workspace = folder / f"sample-{size[0]}.groundwork"
    window.open_workspace_path(workspace, create=True)
    shots = prepare(window, app, size)
    page = window.page

    page.open_interview(1)
    page.interviews.select_insight(page.interviews.detail.highlights[3].insight_id)
    shots.append(save(window, "03-interview", size, app))
    page.show_section("insights")
    page.insights.table.selectRow(2)
    shots.append(save(window, "04-insights", size, app))
    page.search.box.setText("pricing")
    page.search.search_now()
    page.show_section("companies")
    with Session(window.workspace.engine) as session:
        quillfield = session.exec(select(Company).where(Company.name == "Quillfield Software")).one()
    page.companies.select_company(quillfield.id)
    shots.append(save(window, "05-companies", size, app))
    page.search.box.clear()
    page.show_section("personas")
    shots.append(save(window, "06-persona-editor", size, app))
    page.show_section("matrix")
    shots.append(save(window, "07-persona-matrix", size, app))
    page.show_section("icps")
    page.icps.tabs.setCurrentIndex(0)
    shots.append(save(window, "08-icp-fit", size, app))
    page.icps.tabs.setCurrentIndex(1)
    shots.append(save(window, "09-icp-success", size, app))
    page.show_section("models")
    settle(app, lambda: page.models.table_model.rowCount() > 0)
    shots.append(save(window, "10-models", size, app))
    window.close_workspace()
    shots.append(save(window, "01-start", size, app))
    window.close()
    shots.append(render_running(app, folder, workspace, size))
    return shots


def render_running(app: QApplication, folder: Path, workspace: Path, size: tuple[int, int]) -> Path:
    """Synthesis with the bundled model leading, on the real worker threads, caught mid-run."""
    settings = QSettings(str(folder / f"running-{size[0]}.ini"), QSettings.Format.IniFormat)
    save_model_settings(settings, LlmSettings(use=LlmUse.FORCE, n_ctx=2048))
    window = MainWindow(settings, TaskRunner())
    window.resize(*size)
    window.show()
    window.open_workspace_path(workspace)
    window.page.show_section("insights")
    window.run_synthesis()
    message = window.statusBar().currentMessage
    settle(app, lambda: "tok/s" in message() and "ETA" in message(), RUN_TIMEOUT_S)
    settle(app, lambda: window.page.insights.model.rowCount() > 0)
    window.page.insights.table.selectRow(0)
    path = save(window, "11-synthesis-running", size, app)
    window.tasks.cancel()
    settle(app, lambda: not window.runner.is_busy("synthesis"), 30)
    window.close()
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            for path in render(app, Path(folder), size):
                print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
