"""GUI timings on 1,000 interviews (the shipped samples, repeated): main window ready, opening one interview.

Run: ``python tests/benchmarks/bench_gui.py`` (offscreen). Targets: window ready ≤ 2 s, interview ≤ 150 ms.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlmodel import Session  # noqa: E402

from desktop.main_window import MainWindow  # noqa: E402
from desktop.tasks import TaskRunner  # noqa: E402
from models.database import create_workspace  # noqa: E402
from tests.benchmarks.samples import store_repeated_samples  # noqa: E402
from tests.gui.sample import add_insights  # noqa: E402

INTERVIEWS = 1000


def build_workspace(path: Path) -> None:
    engine = create_workspace(path)
    with Session(engine) as session:
        store_repeated_samples(session, INTERVIEWS)
    add_insights(engine)
    engine.dispose()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.groundwork"
        build_workspace(path)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)

        begin = time.perf_counter()
        window = MainWindow(settings, TaskRunner())
        window.resize(1366, 768)
        window.show()
        window.open_workspace_path(path)
        while window.runner.is_busy() or window.page.interviews.list_model.rowCount() < INTERVIEWS:
            app.processEvents()
        app.processEvents()
        ready = time.perf_counter() - begin
        print(f"main window with {INTERVIEWS} interviews ready in {ready * 1000:.0f} ms (target ≤ 2000)")

        timings = []
        for interview_id in (1, 500, 999):
            begin = time.perf_counter()
            window.page.open_interview(interview_id)
            while window.page.interviews.detail is None or window.page.interviews.detail.id != interview_id:
                app.processEvents()
            app.processEvents()
            timings.append(time.perf_counter() - begin)
        print(f"interview opens in {max(timings) * 1000:.0f} ms at worst of 3 (target ≤ 150)")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
