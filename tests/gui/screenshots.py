"""Render each main screen of a sample workspace to build/screenshots/*.png.

Run: ``python tests/gui/screenshots.py`` (``SHOT_SIZES=1366x768`` renders one size only).

The sample workspace is the written evaluation transcripts imported through the GUI, plus insights taken
from their gold files. Screens are drawn offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.main_window import MainWindow  # noqa: E402
from desktop.tasks import TaskRunner  # noqa: E402
from tests.gui.sample import add_gold_insights  # noqa: E402

WRITTEN = ROOT.parent / "shared" / "eval" / "written"
OUT = ROOT / "build" / "screenshots"
DEFAULT_SIZES = "1366x768,1920x1080"
SIZES = [tuple(int(v) for v in s.split("x")) for s in os.environ.get("SHOT_SIZES", DEFAULT_SIZES).split(",")]


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, name: str, size: tuple[int, int], app: QApplication) -> Path:
    settle(app)
    path = OUT / f"{name}-{size[0]}x{size[1]}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def render(app: QApplication, folder: Path, size: tuple[int, int]) -> list[Path]:
    settings = QSettings(str(folder / f"settings-{size[0]}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, TaskRunner(synchronous=True))
    window.resize(*size)
    window.show()
    workspace = folder / f"sample-{size[0]}.groundwork"
    window.open_workspace_path(workspace, create=True)
    window.import_paths([WRITTEN, WRITTEN / "cs_manager.meta.json"])
    shots = [save(window.import_dialog, "02-import-results", size, app)]
    window.import_dialog.close()
    add_gold_insights(window.workspace.engine, WRITTEN)
    window.page.reload()
    page = window.page
    page.open_interview(1)
    first = page.interviews.detail.highlights[2].insight_id
    page.interviews.select_insight(first)
    shots.append(save(window, "03-interview", size, app))
    page.show_section("insights")
    page.insights.table.selectRow(1)
    shots.append(save(window, "04-insights", size, app))
    page.search.box.setText("pricing")
    page.search.search_now()
    page.show_section("companies")
    shots.append(save(window, "05-companies-search", size, app))
    page.show_section("personas")
    shots.append(save(window, "06-personas", size, app))
    window.close_workspace()
    shots.append(save(window, "01-start", size, app))
    window.close()
    return shots


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
